"""What django-modeltranslation translates in the knowledge hub (fr and es are unofficial translations)."""

from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from hub.knowledge.models import GlossaryTerm


@register(GlossaryTerm)
class GlossaryTermTranslationOptions(TranslationOptions):
    fields = ("discouraged", "preferred", "why")
