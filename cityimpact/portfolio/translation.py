"""Portfolio content kept in English, Finnish and Swedish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from cityimpact.portfolio.models import (
    Adoption,
    Initiative,
    InitiativeLink,
    Lesson,
    Network,
    Outcome,
    Programme,
    Theme,
)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Initiative)
class InitiativeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")


@register(InitiativeLink)
class InitiativeLinkTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(Outcome)
class OutcomeTranslationOptions(TranslationOptions):
    fields = ("metric", "unit", "note")


@register(Adoption)
class AdoptionTranslationOptions(TranslationOptions):
    fields = ("region", "how")


@register(Lesson)
class LessonTranslationOptions(TranslationOptions):
    fields = ("title", "text")
