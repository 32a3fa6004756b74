"""Reads of open campaigns, always filtered by what the person may see."""

from __future__ import annotations

import difflib
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from cityimpact.accounts.roles import Role, user_has_role, user_is_admin
from cityimpact.campaigns.models import Campaign, Comment, Proposal, Score, Support
from cityimpact.campaigns.permissions import can_moderate


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.select_related("city", "theme")
    if user_is_admin(user=user):
        return campaigns
    visible = ~Q(phase=Campaign.Phase.DRAFT)
    if user_has_role(user=user, role=Role.CITY_STAFF) and user.city_id:
        visible |= Q(city_id=user.city_id)
    return campaigns.filter(visible)


def proposal_list(*, campaign: Campaign, user: Any, order: str = "new") -> QuerySet[Proposal]:
    """The campaign's proposals the user may see: not hidden ones, plus their own; all for
    moderators."""
    proposals = campaign.proposals.select_related("author").prefetch_related("goals")
    if not can_moderate(user=user, campaign=campaign):
        visible = Q(hidden=False)
        if getattr(user, "is_authenticated", False):
            visible |= Q(author=user)
        proposals = proposals.filter(visible)
    ordering = {"new": ["-created_at"], "supported": ["-support_count", "-created_at"]}
    return proposals.order_by(*ordering.get(order, ordering["new"]))


def comment_threads(*, proposal: Proposal, user: Any) -> list[Comment]:
    """Top-level comments with their visible replies (hidden ones only for moderators)."""
    comments = proposal.comments.select_related("author")
    if not can_moderate(user=user, campaign=proposal.campaign):
        comments = comments.filter(hidden=False)
    replies = Prefetch(
        "replies", queryset=comments.order_by("created_at"), to_attr="visible_replies"
    )
    return list(comments.filter(parent=None).prefetch_related(replies))


def supported_ids(*, user: Any, campaign: Campaign) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Support.objects.filter(user=user, proposal__campaign=campaign).values_list(
            "proposal_id", flat=True
        )
    )


def similar_proposals(*, campaign: Campaign, title: str, limit: int = 3) -> list[Proposal]:
    """Proposals whose titles resemble `title`: a hint against duplicates."""
    candidates = list(campaign.proposals.filter(hidden=False).only("pk", "title", "campaign_id"))
    wanted = title.casefold()
    scored = [
        (difflib.SequenceMatcher(None, wanted, p.title.casefold()).ratio(), p) for p in candidates
    ]
    return [p for score, p in sorted(scored, key=lambda pair: -pair[0]) if score >= 0.6][:limit]


def campaign_open_data(*, campaign: Campaign) -> dict[str, Any]:
    """The campaign as open data: proposals, public answers, counts, experiments and results.
    No personal data (no authors, commenters or supporters) and nothing hidden or private."""
    proposals = (
        campaign.proposals.filter(hidden=False)
        .prefetch_related("goals")
        .select_related("experiment")
        .order_by("pk")
    )
    rows = []
    for proposal in proposals:
        experiment = getattr(proposal, "experiment", None)
        rows.append(
            {
                "id": proposal.pk,
                "title": proposal.title,
                "description": proposal.description,
                "problem": proposal.problem,
                "beneficiaries": proposal.beneficiaries,
                "place": proposal.place,
                "goals": [goal.number for goal in proposal.goals.all()],
                "state": proposal.public_state,
                "answer": proposal.answer if proposal.answer_published else "",
                "supports": proposal.support_count,
                "comments": proposal.comments.filter(hidden=False).count(),
                "created": proposal.created_at.date().isoformat(),
                "experiment": None
                if experiment is None
                else {
                    "responsible_unit": experiment.responsible_unit,
                    "starts": experiment.starts.isoformat(),
                    "ends": experiment.ends.isoformat(),
                    "status": experiment.status,
                    "budget_eur": None
                    if experiment.budget_eur is None
                    else str(experiment.budget_eur),
                    "learned": experiment.learned if experiment.results_published else "",
                    "scales": experiment.scales if experiment.results_published else None,
                },
            }
        )
    return {
        "campaign": {"title": campaign.title, "phase": campaign.phase, "city": campaign.city.slug},
        "proposals": rows,
    }


OPEN_DATA_COLUMNS = [
    "id",
    "title",
    "state",
    "supports",
    "comments",
    "created",
    "place",
    "goals",
    "answer",
    "experiment_status",
    "experiment_learned",
]


def _csv_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def campaign_open_data_rows(*, campaign: Campaign) -> list[dict[str, Any]]:
    rows = [
        {
            **{key: row[key] for key in OPEN_DATA_COLUMNS if key in row},
            "goals": ";".join(str(g) for g in row["goals"]),
            "experiment_status": (row["experiment"] or {}).get("status", ""),
            "experiment_learned": (row["experiment"] or {}).get("learned", ""),
        }
        for row in campaign_open_data(campaign=campaign)["proposals"]
    ]
    return [{key: _csv_safe(value) for key, value in row.items()} for row in rows]


def evaluation_ranking(*, campaign: Campaign) -> list[dict[str, Any]]:
    """Proposals ranked by their weighted score (0–5): each evaluator's weighted mean over the
    criteria, averaged over evaluators; `spread` is the gap between the most and least
    favourable evaluator, to show where evaluators disagree."""
    criteria = {c.pk: c.weight for c in campaign.criteria.all()}
    total_weight = sum(criteria.values()) or 1.0
    by_proposal: dict[int, dict[int, float]] = {}
    for proposal_id, evaluator_id, criterion_id, score in Score.objects.filter(
        proposal__campaign=campaign
    ).values_list("proposal_id", "evaluator_id", "criterion_id", "score"):
        per_evaluator = by_proposal.setdefault(proposal_id, {})
        per_evaluator[evaluator_id] = per_evaluator.get(evaluator_id, 0.0) + score * criteria.get(
            criterion_id, 0
        )
    rows = []
    for proposal in campaign.proposals.exclude(state=Proposal.State.WITHDRAWN).order_by("pk"):
        totals = [value / total_weight for value in by_proposal.get(proposal.pk, {}).values()]
        rows.append(
            {
                "proposal": proposal,
                "score": round(sum(totals) / len(totals), 2) if totals else None,
                "evaluators": len(totals),
                "spread": round(max(totals) - min(totals), 2) if len(totals) > 1 else None,
            }
        )
    return sorted(rows, key=lambda row: (row["score"] is None, -(row["score"] or 0)))


def proposal_get_by_id(*, pk: int) -> Proposal:
    """One proposal by id, with its campaign and city (for other apps that refer to it);
    raises Proposal.DoesNotExist."""
    return Proposal.objects.select_related("campaign__city").get(pk=pk)
