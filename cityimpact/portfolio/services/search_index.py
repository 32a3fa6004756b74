"""Keeps the search text of initiatives current (both databases) and, on PostgreSQL, the
full-text vector that the GIN index serves."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection

from cityimpact.portfolio.models import Initiative

SEARCH_CONFIG = "simple"  # one index for fi, sv and en text; prefix queries stand in for stemming


def _initiative_search_text(initiative: Initiative) -> str:
    parts: list[str] = []
    for code, _name in settings.LANGUAGES:
        for field in ("title", "summary", "description"):
            parts.append(getattr(initiative, f"{field}_{code}") or "")
    for participation in initiative.participations.all():
        organisation = participation.organisation
        parts.extend(getattr(organisation, f"name_{code}") or "" for code, _ in settings.LANGUAGES)
    parts.extend(place.name for place in initiative.places.all())
    return " ".join(part for part in parts if part).casefold()


def initiatives_reindex(*, initiative_ids: Iterable[int]) -> None:
    ids = list(initiative_ids)
    initiatives = Initiative.objects.filter(pk__in=ids).prefetch_related(
        "participations__organisation", "places"
    )
    for initiative in initiatives:
        Initiative.objects.filter(pk=initiative.pk).update(
            search_text=_initiative_search_text(initiative)
        )
    if connection.vendor == "postgresql":
        Initiative.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("search_text", config=SEARCH_CONFIG)
        )
