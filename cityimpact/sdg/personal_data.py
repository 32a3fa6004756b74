"""What the SDG review keeps about a person: contributions, expert evaluations and decisions
on suggested goals. On erasure they stay without the person (SET_NULL) and their
participation record is deleted."""

from __future__ import annotations

from typing import Any

from cityimpact.sdg.models import Contribution, Evaluation, ReviewParticipant, SdgSuggestion


def sdg_personal_data(user: Any) -> dict[str, Any]:
    return {
        "contributions": [
            {
                "review": c.review.title,
                "title": c.title,
                "text": c.text,
                "date": c.date.isoformat(),
                "status": c.status,
            }
            for c in Contribution.objects.filter(author=user).select_related("review")
        ],
        "evaluations": [
            {"score": e.score, "comment": e.comment} for e in Evaluation.objects.filter(expert=user)
        ],
        "suggestion_decisions": [
            {
                "source": s.source_type,
                "source_id": s.source_id,
                "goal": s.goal.number,
                "status": s.status,
                "decided_at": s.decided_at.isoformat() if s.decided_at else None,
            }
            for s in SdgSuggestion.objects.filter(decided_by=user).select_related("goal")
        ],
        "reviews_taken_part_in": [
            p.review.title
            for p in ReviewParticipant.objects.filter(user=user).select_related("review")
        ],
    }


def sdg_personal_data_erase(user: Any) -> None:
    """Nothing to do beyond the account's deletion: see the module docstring."""
