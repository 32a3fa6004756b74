"""SDG texts kept in English, Finnish and Swedish; a missing translation shows the English."""

from modeltranslation.translator import TranslationOptions, register

from cityimpact.sdg.models import Goal, Indicator, LocalGoal, LocalIndicator, Review, Target


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("title", "short_title")


@register(Target)
class TargetTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(LocalGoal)
class LocalGoalTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(LocalIndicator)
class LocalIndicatorTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Review)
class ReviewTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "highlights",
        "introduction",
        "methodology",
        "means_of_implementation",
        "conclusions",
    )
