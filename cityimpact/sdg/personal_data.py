"""What the SDG review keeps about a person: contributions and expert evaluations. On erasure
both stay without the person (SET_NULL) and their participation record is deleted."""

from __future__ import annotations

from typing import Any

from cityimpact.sdg.models import Contribution, Evaluation, ReviewParticipant


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
        "reviews_taken_part_in": [
            p.review.title
            for p in ReviewParticipant.objects.filter(user=user).select_related("review")
        ],
    }


def sdg_personal_data_erase(user: Any) -> None:
    """Nothing to do beyond the account's deletion: see the module docstring."""
