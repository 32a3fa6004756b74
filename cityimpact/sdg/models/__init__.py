"""Models of the SDG app: the global framework, its localisation and the participatory review."""

from cityimpact.sdg.models.framework import Goal, Indicator, Target
from cityimpact.sdg.models.localisation import IndicatorValue, LocalGoal, LocalIndicator, SdgLink
from cityimpact.sdg.models.review import Contribution, Evaluation, Review, ReviewParticipant
from cityimpact.sdg.models.suggestions import SdgSuggestion

__all__ = [
    "Contribution",
    "Evaluation",
    "Goal",
    "Indicator",
    "IndicatorValue",
    "LocalGoal",
    "LocalIndicator",
    "Review",
    "ReviewParticipant",
    "SdgLink",
    "SdgSuggestion",
    "Target",
]
