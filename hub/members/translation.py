from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from hub.members.models import Member


@register(Member)
class MemberTranslationOptions(TranslationOptions):
    fields = ("name", "public_profile")
