"""Assessment texts kept in English, Finnish and Swedish."""

from modeltranslation.translator import TranslationOptions, register

from cityimpact.handprint.models import HandprintAssessment


@register(HandprintAssessment)
class HandprintAssessmentTranslationOptions(TranslationOptions):
    fields = ("title", "functional_unit", "baseline_name", "solution_name", "boundary")
