"""Reads of the SDG app."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, Q, QuerySet

from cityimpact.accounts.roles import Role, user_has_role
from cityimpact.campaigns.selectors import proposal_get_by_id
from cityimpact.core.models import City
from cityimpact.portfolio.selectors import initiative_get_by_id, initiative_list
from cityimpact.sdg import progress
from cityimpact.sdg.models import (
    Contribution,
    Evaluation,
    Goal,
    Indicator,
    IndicatorValue,
    LocalGoal,
    LocalIndicator,
    Review,
    ReviewParticipant,
    SdgLink,
    SdgSuggestion,
    Target,
)
from cityimpact.sdg.permissions import can_moderate


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


# --- Localisation and coverage -------------------------------------------------------------


def local_indicator_judgement(*, indicator: LocalIndicator) -> progress.Judgement:
    """On track / off track of a local indicator from its values (prefetched or not)."""
    points = [(v.date, float(v.value)) for v in indicator.values.all()]
    return progress.judge(
        points=points,
        target_value=None if indicator.target_value is None else float(indicator.target_value),
        target_year=indicator.target_year,
        higher_is_better=indicator.direction == LocalIndicator.Direction.INCREASE,
    )


def goal_coverage(*, city: City | None) -> dict[int, dict[str, int]]:
    """Per goal number: how many local goals, local indicators and initiatives of the city
    are linked to its targets, and how many public contributions name it."""
    coverage = {
        n: {"local_goals": 0, "indicators": 0, "initiatives": 0, "contributions": 0}
        for n in range(1, 18)
    }
    if city is None:
        return coverage
    links = SdgLink.objects.filter(
        Q(local_goal__city=city) | Q(local_indicator__city=city) | Q(initiative__city=city)
    )
    for key, field in (
        ("local_goals", "local_goal"),
        ("indicators", "local_indicator"),
        ("initiatives", "initiative"),
    ):
        rows = (
            links.filter(**{f"{field}__isnull": False})
            .values("target__goal__number")
            .annotate(n=Count(field, distinct=True))
        )
        for row in rows:
            coverage[row["target__goal__number"]][key] = row["n"]
    public = Contribution.objects.filter(review__city=city, status=Contribution.Status.APPROVED)
    contributions_per_goal = _contributions_per_goal(public)
    for number, ids in contributions_per_goal.items():
        coverage[number]["contributions"] = len(ids)
    return coverage


def _contributions_per_goal(contributions: QuerySet[Contribution]) -> dict[int, set[int]]:
    """Goal number → ids of the contributions naming the goal itself or one of its targets."""
    per_goal: dict[int, set[int]] = {}
    for number, pk in list(contributions.values_list("goals__number", "pk")) + list(
        contributions.values_list("targets__goal__number", "pk")
    ):
        if number:
            per_goal.setdefault(number, set()).add(pk)
    return per_goal


def coverage_level(counts: dict[str, int]) -> int:
    """0: nothing local; 1: action or measurement; 2: both action and measurement."""
    action = counts["local_goals"] + counts["initiatives"] + counts["contributions"] > 0
    measurement = counts["indicators"] > 0
    return int(action) + int(measurement)


def goal_localisation(*, goal: Goal, city: City | None) -> dict[str, Any]:
    """What the city does and measures for one goal, for its page and the report."""
    if city is None:
        return {"local_goals": [], "indicators": [], "initiatives": [], "contributions": []}
    links = (
        SdgLink.objects.filter(target__goal=goal)
        .filter(Q(local_goal__city=city) | Q(local_indicator__city=city) | Q(initiative__city=city))
        .select_related("target", "indicator", "local_goal", "local_indicator", "initiative__city")
        .order_by("target__position")
    )
    local_goals: dict[int, dict[str, Any]] = {}
    indicators: dict[int, dict[str, Any]] = {}
    initiatives: dict[int, dict[str, Any]] = {}
    for link in links:
        for bucket, source in (
            (local_goals, link.local_goal),
            (indicators, link.local_indicator),
            (initiatives, link.initiative),
        ):
            if source is not None:
                bucket.setdefault(source.pk, {"object": source, "links": []})["links"].append(link)
    indicator_objects = LocalIndicator.objects.filter(pk__in=indicators).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("date"))
    )
    for indicator in indicator_objects:
        entry = indicators[indicator.pk]
        entry["object"] = indicator
        entry["judgement"] = local_indicator_judgement(indicator=indicator)
        entry["series"] = {
            "label": indicator.name,
            "unit": indicator.unit,
            "points": [
                {"date": v.date.isoformat(), "value": float(v.value)}
                for v in indicator.values.all()
            ],
            "target": None if indicator.target_value is None else float(indicator.target_value),
            "target_year": indicator.target_year,
        }
    contributions = (
        Contribution.objects.filter(review__city=city, status=Contribution.Status.APPROVED)
        .filter(Q(goals=goal) | Q(targets__goal=goal))
        .distinct()
        .prefetch_related("evaluations")
        .order_by("-date")
    )
    return {
        "local_goals": list(local_goals.values()),
        "indicators": list(indicators.values()),
        "initiatives": list(initiatives.values()),
        "contributions": list(contributions),
    }


def target_gaps(*, city: City | None) -> QuerySet[Target]:
    """Targets with no local goal, local indicator or initiative of the city linked."""
    targets = Target.objects.select_related("goal").order_by("position")
    if city is None:
        return targets
    covered = SdgLink.objects.filter(
        Q(local_goal__city=city) | Q(local_indicator__city=city) | Q(initiative__city=city)
    ).values("target_id")
    return targets.exclude(pk__in=covered)


def local_indicator_list(*, city: City) -> QuerySet[LocalIndicator]:
    return (
        LocalIndicator.objects.filter(city=city)
        .select_related("local_goal")
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("date")),
            Prefetch("links", queryset=SdgLink.objects.select_related("target", "indicator")),
        )
        .order_by("code")
    )


def local_goal_list(*, city: City) -> QuerySet[LocalGoal]:
    return (
        LocalGoal.objects.filter(city=city)
        .prefetch_related(
            Prefetch("links", queryset=SdgLink.objects.select_related("target", "indicator"))
        )
        .order_by("code")
    )


# --- Reviews -------------------------------------------------------------------------------


def review_get(*, city_slug: str, slug: str) -> Review:
    return Review.objects.select_related("city").get(city__slug=city_slug, slug=slug)


def review_list(*, city: City | None = None) -> QuerySet[Review]:
    reviews = Review.objects.select_related("city")
    return reviews.filter(city=city) if city is not None else reviews


def contribution_list(*, review: Review, user: Any) -> QuerySet[Contribution]:
    """Contributions the user may see: public ones, plus their own and, for moderators,
    staff and experts, those waiting for moderation."""
    contributions = review.contributions.select_related("author").prefetch_related(
        "goals",
        "targets",
        Prefetch("evaluations", queryset=Evaluation.objects.select_related("expert")),
    )
    if can_moderate(user=user, review=review) or user_has_role(user=user, role=Role.SDG_EXPERT):
        return contributions
    visible = Q(status=Contribution.Status.APPROVED)
    if getattr(user, "is_authenticated", False):
        visible |= Q(author=user)
    return contributions.filter(visible)


def review_figures(*, review: Review) -> dict[str, Any]:
    """Participation and evaluation figures, computed from the records (never typed in)."""
    group_labels = dict(ReviewParticipant.Group.choices)
    by_group = {
        group_labels[row["group"]]: row["n"]
        for row in review.participants.values("group").annotate(n=Count("pk")).order_by("group")
    }
    public = review.contributions.filter(status=Contribution.Status.APPROVED)
    per_goal = _contributions_per_goal(public)
    scores: dict[int, list[int]] = {}
    for contribution_id, score in Evaluation.objects.filter(
        contribution__review=review
    ).values_list("contribution_id", "score"):
        scores.setdefault(contribution_id, []).append(score)
    public_ids = set(public.values_list("pk", flat=True))
    link_scores: dict[int, list[int]] = {}
    for link_id, score in Evaluation.objects.filter(
        link__in=review_links(review=review)
    ).values_list("link_id", "score"):
        link_scores.setdefault(link_id, []).append(score)
    link_count = review_links(review=review).count()
    return {
        "participants": review.participants.count(),
        "participants_by_group": by_group,
        "contributions": len(public_ids),
        "pending": review.contributions.filter(status=Contribution.Status.PENDING).count(),
        "contributions_per_goal": {n: len(ids) for n, ids in sorted(per_goal.items())},
        "evaluated": len(public_ids & set(scores)),
        "unevaluated": len(public_ids - set(scores)),
        "links": link_count,
        "links_unevaluated": link_count - len(link_scores),
        "agreement": progress.agreement([*scores.values(), *link_scores.values()]),
    }


def review_links(*, review: Review) -> QuerySet[SdgLink]:
    """The city's SDG links, which the review's experts evaluate like contributions."""
    city = review.city_id
    return (
        SdgLink.objects.filter(
            Q(local_goal__city=city) | Q(local_indicator__city=city) | Q(initiative__city=city)
        )
        .select_related("target", "indicator", "local_goal", "local_indicator", "initiative")
        .prefetch_related(
            Prefetch("evaluations", queryset=Evaluation.objects.select_related("expert"))
        )
        .order_by("target__position", "pk")
    )


def initiatives_with_links(*, city: City) -> list[tuple[Any, list[SdgLink]]]:
    """The city's initiatives, each with its SDG links (two queries in all)."""
    initiatives = list(initiative_list().filter(city=city).order_by("title"))
    links: dict[int, list[SdgLink]] = {}
    for link in SdgLink.objects.filter(initiative__in=initiatives).select_related(
        "target", "indicator"
    ):
        links.setdefault(link.initiative_id or 0, []).append(link)
    return [(initiative, links.get(initiative.pk, [])) for initiative in initiatives]


@dataclass(frozen=True)
class SuggestionSource:
    """Something whose text the classifier can read to suggest goals: its kind and id, the
    city it belongs to (for permissions), a label, the text, and the object itself."""

    type: str
    id: int
    city: City | None
    label: str
    text: str
    object: Any

    @property
    def city_id(self) -> int | None:
        return self.city.pk if self.city else None

    @property
    def fingerprint(self) -> str:
        """A hash of the text, to tell whether it changed after a suggestion was made."""
        return hashlib.sha256(self.text.encode()).hexdigest()[:16]


def _joined(*parts: str | None) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def suggestion_source_get(*, source_type: str, source_id: int) -> SuggestionSource:
    """The source by kind and id; raises LookupError when there is none."""
    kinds = SdgSuggestion.Source
    try:
        if source_type == kinds.INITIATIVE:
            initiative = initiative_get_by_id(pk=source_id)
            text = _joined(initiative.title, initiative.summary, initiative.description)
            return SuggestionSource(
                source_type, source_id, initiative.city, initiative.title, text, initiative
            )
        if source_type == kinds.LOCAL_GOAL:
            goal = LocalGoal.objects.select_related("city").get(pk=source_id)
            text = _joined(goal.title, goal.description)
            return SuggestionSource(source_type, source_id, goal.city, str(goal), text, goal)
        if source_type == kinds.LOCAL_INDICATOR:
            indicator = LocalIndicator.objects.select_related("city", "local_goal").get(
                pk=source_id
            )
            goal_title = indicator.local_goal.title if indicator.local_goal else ""
            text = _joined(indicator.name, goal_title)
            return SuggestionSource(
                source_type, source_id, indicator.city, str(indicator), text, indicator
            )
        if source_type == kinds.PROPOSAL:
            proposal = proposal_get_by_id(pk=source_id)
            text = _joined(proposal.title, proposal.problem, proposal.description)
            return SuggestionSource(
                source_type, source_id, proposal.campaign.city, proposal.title, text, proposal
            )
        if source_type == kinds.CONTRIBUTION:
            contribution = Contribution.objects.select_related("review__city").get(pk=source_id)
            text = _joined(contribution.title, contribution.text)
            return SuggestionSource(
                source_type,
                source_id,
                contribution.review.city,
                contribution.title,
                text,
                contribution,
            )
    except ObjectDoesNotExist as missing:
        raise LookupError(f"no {source_type} {source_id}") from missing
    raise LookupError(f"unknown source {source_type!r}")


def suggestion_list(*, source_type: str, source_id: int) -> QuerySet[SdgSuggestion]:
    return (
        SdgSuggestion.objects.filter(source_type=source_type, source_id=source_id)
        .select_related("goal", "target", "decided_by", "link")
        .order_by("-score", "goal__number")
    )


def suggestion_get(*, pk: int) -> SdgSuggestion:
    """One suggestion; raises SdgSuggestion.DoesNotExist."""
    return SdgSuggestion.objects.select_related("goal", "target").get(pk=pk)


def targets_by_goal(*, goal_ids: set[int]) -> dict[int, list[Target]]:
    """The targets of the given goals (by goal id), in the framework's order."""
    found: dict[int, list[Target]] = {}
    for target in Target.objects.filter(goal_id__in=goal_ids).order_by("position"):
        found.setdefault(target.goal_id, []).append(target)
    return found
