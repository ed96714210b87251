from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from hub.reporting.models import Indicator
from hub.reporting.models import Question


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("prompt",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("label",)
