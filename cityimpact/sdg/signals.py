"""Suggestions go with their text: when an initiative, local goal or indicator, proposal or
contribution is deleted, its suggestions (which quote it as evidence) are deleted too.

Suggestions refer to their source by kind and id rather than by foreign key, so that one
table serves five sources in three apps; these receivers keep that reference honest."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete

SOURCES = {
    "portfolio.Initiative": "initiative",
    "sdg.LocalGoal": "local_goal",
    "sdg.LocalIndicator": "local_indicator",
    "campaigns.Proposal": "proposal",
    "sdg.Contribution": "contribution",
}


def _remove_suggestions(source_type: str) -> Any:
    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        from cityimpact.sdg.models import SdgSuggestion

        SdgSuggestion.objects.filter(source_type=source_type, source_id=instance.pk).delete()

    return receiver


_receivers: list[Any] = []  # signals hold weak references; keep the closures alive


def suggestion_cleanup_connect() -> None:
    for label, source_type in SOURCES.items():
        receiver = _remove_suggestions(source_type)
        _receivers.append(receiver)
        post_delete.connect(
            receiver, sender=apps.get_model(label), dispatch_uid=f"sdg-suggestions-{label}"
        )
