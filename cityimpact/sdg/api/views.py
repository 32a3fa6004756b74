"""Read-only API of the SDG framework under /api/v1/sdg/."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from rest_framework import viewsets

from cityimpact.sdg import selectors
from cityimpact.sdg.api import serializers as s
from cityimpact.sdg.models import Goal, Indicator, Target


class TargetFilter(django_filters.FilterSet):
    goal = django_filters.NumberFilter(field_name="goal__number", label="Goal number")

    class Meta:
        model = Target
        fields = ["goal"]


class IndicatorFilter(django_filters.FilterSet):
    goal = django_filters.NumberFilter(field_name="target__goal__number", label="Goal number")
    target = django_filters.CharFilter(field_name="target__code", label="Target code")

    class Meta:
        model = Indicator
        fields = ["goal", "target"]


class GoalViewSet(viewsets.ReadOnlyModelViewSet):
    """The 17 goals, by number."""

    serializer_class = s.GoalSerializer
    lookup_field = "number"

    def get_queryset(self) -> QuerySet[Goal]:
        return selectors.goal_list()


class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    """The 169 targets; filter with `goal` (number)."""

    serializer_class = s.TargetSerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9a-z.]+"
    filterset_class = TargetFilter

    def get_queryset(self) -> QuerySet[Target]:
        return selectors.target_list()


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The global indicators; filter with `target` (code) or `goal` (number)."""

    serializer_class = s.IndicatorSerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9a-z.]+"
    filterset_class = IndicatorFilter

    def get_queryset(self) -> QuerySet[Indicator]:
        return selectors.indicator_list()
