"""Read-only API of the SDG framework under /api/v1/sdg/."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, Q, QuerySet
from rest_framework import mixins, serializers, viewsets

from cityimpact.accounts.roles import Role, user_has_role
from cityimpact.sdg import selectors
from cityimpact.sdg.api import serializers as s
from cityimpact.sdg.models import (
    Contribution,
    Goal,
    Indicator,
    IndicatorValue,
    LocalGoal,
    LocalIndicator,
    Review,
    SdgLink,
    Target,
)
from cityimpact.sdg.permissions import can_moderate
from cityimpact.sdg.services.localisation import sdg_link_create
from cityimpact.sdg.services.review import contribution_submit


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


def _as_api_error(error: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else error.messages
    )


class LocalGoalViewSet(viewsets.ReadOnlyModelViewSet):
    """The tenant cities' own goals with their links to the framework."""

    serializer_class = s.LocalGoalSerializer

    def get_queryset(self) -> QuerySet[LocalGoal]:
        return (
            LocalGoal.objects.select_related("city")
            .prefetch_related(
                Prefetch(
                    "links",
                    queryset=SdgLink.objects.select_related("target", "indicator", "created_by"),
                )
            )
            .order_by("city__slug", "code")
        )


class LocalIndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Local indicators with their values, links and on-track status."""

    serializer_class = s.LocalIndicatorSerializer

    def get_queryset(self) -> QuerySet[LocalIndicator]:
        return (
            LocalIndicator.objects.select_related("city", "local_goal")
            .prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.order_by("date")),
                Prefetch(
                    "links",
                    queryset=SdgLink.objects.select_related("target", "indicator", "created_by"),
                ),
            )
            .order_by("city__slug", "code")
        )


class SdgLinkViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Links of local goals, local indicators and initiatives to targets and indicators.
    City staff, SDG experts and administrators create them."""

    serializer_class = s.SdgLinkSerializer
    filterset_fields = ["initiative", "local_goal", "local_indicator", "kind"]

    def get_queryset(self) -> QuerySet[SdgLink]:
        return SdgLink.objects.select_related("target", "indicator", "created_by").order_by("pk")

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        source = data.get("local_goal") or data.get("local_indicator") or data.get("initiative")
        try:
            serializer.instance = sdg_link_create(
                actor=self.request.user,
                source=source,
                kind=data["kind"],
                rationale=data["rationale"],
                target_code=(data.get("target") or {}).get("code", ""),
                indicator_code=((data.get("indicator") or {}).get("code") or ""),
            )
        except DjangoValidationError as error:
            raise _as_api_error(error) from error


class ReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """Voluntary local reviews."""

    serializer_class = s.ReviewSerializer

    def get_queryset(self) -> QuerySet[Review]:
        return Review.objects.select_related("city").order_by("-period_start")


class ContributionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Contributions to reviews: public ones for everyone; signed-in people also see their
    own, and moderators, staff and experts those waiting for moderation. Filter by `review`."""

    serializer_class = s.ContributionSerializer
    filterset_fields = ["review", "status"]

    def get_queryset(self) -> QuerySet[Contribution]:
        user = self.request.user
        contributions = Contribution.objects.select_related("review").prefetch_related(
            "goals", "targets"
        )
        visible = [
            review.pk
            for review in Review.objects.all()
            if can_moderate(user=user, review=review)
            or user_has_role(user=user, role=Role.SDG_EXPERT)
        ]
        condition = Q(status=Contribution.Status.APPROVED) | Q(review__in=visible)
        if user.is_authenticated:
            condition |= Q(author=user)
        return contributions.filter(condition).order_by("-created_at")

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        try:
            serializer.instance = contribution_submit(
                actor=self.request.user,
                review=data["review"],
                kind=data.get("kind", Contribution.Kind.PROJECT),
                title=data["title"],
                text=data["text"],
                date=data["date"],
                goal_numbers=data.get("goal_numbers", []),
                target_codes=data.get("target_codes", []),
                evidence=data.get("evidence_links", []),
                declared_group=data.get("declared_group"),
            )
        except DjangoValidationError as error:
            raise _as_api_error(error) from error
