from modeltranslation.translator import TranslationOptions, register

from hub.reporting.models import Indicator, Question


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("prompt",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("label",)
