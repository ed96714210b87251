from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from hub.commitments.models import Commitment


@register(Commitment)
class CommitmentTranslationOptions(TranslationOptions):
    fields = ("short_title", "text")
