from modeltranslation.translator import TranslationOptions, register

from hub.members.models import Member


@register(Member)
class MemberTranslationOptions(TranslationOptions):
    fields = ("name", "public_profile")
