"""Reads of the SDG app."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from cityimpact.sdg.models import Goal, Indicator, Target


def goal_list() -> QuerySet[Goal]:
    return Goal.objects.annotate(
        target_count=Count("targets", distinct=True),
        indicator_count=Count("targets__indicators", distinct=True),
    ).order_by("number")


def goal_get(*, number: int) -> Goal:
    """A goal with its targets and their indicators; raises Goal.DoesNotExist."""
    return Goal.objects.prefetch_related(
        Prefetch(
            "targets",
            queryset=Target.objects.order_by("position").prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.order_by("position"))
            ),
        )
    ).get(number=number)


def target_list() -> QuerySet[Target]:
    return Target.objects.select_related("goal").order_by("position")


def target_get(*, code: str) -> Target:
    return (
        Target.objects.select_related("goal")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("position")))
        .get(code=code)
    )


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("target__goal").order_by("position")


def indicator_get(*, code: str) -> Indicator:
    return Indicator.objects.select_related("target__goal").get(code=code)


def indicator_same_as(*, indicator: Indicator) -> QuerySet[Indicator]:
    """The other rows of the same indicator listed under other targets."""
    return (
        Indicator.objects.filter(unsd_code=indicator.unsd_code)
        .exclude(pk=indicator.pk)
        .select_related("target")
    )
