"""What open campaigns keep about a person, for their data download and account erasure.

On erasure the person's proposals and comments stay public without their name and their
supports stay as anonymous supports (the foreign keys are SET_NULL), so counts and threads
do not break; their reports are deleted with the account."""

from __future__ import annotations

from typing import Any

from cityimpact.campaigns.models import Comment, Proposal, Report, Support


def campaigns_personal_data(user: Any) -> dict[str, Any]:
    return {
        "proposals": [
            {
                "campaign": p.campaign.title,
                "title": p.title,
                "description": p.description,
                "state": p.state,
                "created": p.created_at.isoformat(),
            }
            for p in Proposal.objects.filter(author=user).select_related("campaign")
        ],
        "comments": [
            {"proposal": c.proposal.title, "text": c.text, "created": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=user).select_related("proposal")
        ],
        "supports": [
            s.proposal.title for s in Support.objects.filter(user=user).select_related("proposal")
        ],
        "reports": Report.objects.filter(reporter=user).count(),
    }


def campaigns_personal_data_erase(user: Any) -> None:
    """Nothing to do beyond the account's deletion: see the module docstring."""
