from modeltranslation.translator import TranslationOptions, register

from hub.commitments.models import Commitment


@register(Commitment)
class CommitmentTranslationOptions(TranslationOptions):
    fields = ("short_title", "text")
