from modeltranslation.translator import TranslationOptions, register

from hub.reporting.models import Commitment, Indicator, Question


@register(Commitment)
class CommitmentTranslationOptions(TranslationOptions):
    fields = ("short_title", "text")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("prompt",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("label",)
