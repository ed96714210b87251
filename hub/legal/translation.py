"""What django-modeltranslation translates in legal frameworks (fr and es are unofficial translations)."""

from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from hub.legal.models import Provision


@register(Provision)
class ProvisionTranslationOptions(TranslationOptions):
    fields = ("text", "met_means")
