"""Loads the Espoo demo portfolio from `portfolio/demo/espoo.yaml`.

Loading only adds what is missing, found by its natural key (slugs; an outcome by its metric
and year), and never overwrites: running it twice changes nothing, and edits made in the app
survive a re-run of `make run`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from cityimpact.core.languages import texts_by_language
from cityimpact.core.models import City, Organisation
from cityimpact.core.services import content_version_bump
from cityimpact.portfolio.models import (
    Adoption,
    Initiative,
    InitiativeLink,
    Lesson,
    Network,
    NetworkMembership,
    Outcome,
    Participation,
    Place,
    Programme,
    Theme,
)
from cityimpact.portfolio.services.search_index import initiatives_reindex

DEMO_FILE = Path(__file__).resolve().parent.parent / "demo" / "espoo.yaml"


class _Loader:
    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.created: Counter[str] = Counter()
        self.cities: dict[str, City] = {}
        self.organisations: dict[str, Organisation] = {}
        self.programmes: dict[str, Programme] = {}
        self.themes: dict[str, Theme] = {}
        self.networks: dict[str, Network] = {}

    def _get_or_create(self, model: Any, lookup: dict[str, Any], defaults: dict[str, Any]) -> Any:
        instance, created = model.objects.get_or_create(**lookup, defaults=defaults)
        if created:
            self.created[model._meta.model_name] += 1
        return instance

    def load(self) -> Counter[str]:
        doc = self.document
        for row in doc.get("cities", []):
            self.cities[row["slug"]] = self._get_or_create(
                City,
                {"slug": row["slug"]},
                {
                    "country": row.get("country") or "",
                    "is_tenant": bool(row.get("is_tenant")),
                    **texts_by_language("name", row["name"]),
                },
            )
        for row in doc.get("organisations", []):
            self.organisations[row["slug"]] = self._get_or_create(
                Organisation,
                {"slug": row["slug"]},
                {
                    "kind": row["kind"],
                    "country": row.get("country") or "",
                    "city": self.cities.get(row.get("city") or ""),
                    "website": row.get("website") or "",
                    **texts_by_language("name", row["name"]),
                },
            )
        for row in doc.get("programmes", []):
            self.programmes[row["slug"]] = self._get_or_create(
                Programme,
                {"slug": row["slug"]},
                {
                    "kind": row.get("kind") or Programme.Kind.OTHER,
                    "funder": self.organisations.get(row.get("funder") or ""),
                    **texts_by_language("name", row["name"]),
                },
            )
        for row in doc.get("themes", []):
            self.themes[row["slug"]] = self._get_or_create(
                Theme, {"slug": row["slug"]}, texts_by_language("name", row["name"])
            )
        for row in doc.get("networks", []):
            self._load_network(row)
        # Initiatives go only into a city without any: once loaded, the portfolio is the
        # city's own, and deleting or renaming there must not be undone by the next `make run`.
        fresh = {
            slug
            for slug in self.cities
            if not Initiative.objects.filter(city=self.cities[slug]).exists()
        }
        new_initiatives = [
            self._load_initiative(row) for row in doc.get("initiatives", []) if row["city"] in fresh
        ]
        initiatives_reindex(initiative_ids=[i.pk for i in new_initiatives if i is not None])
        return self.created

    def _load_network(self, row: Mapping[str, Any]) -> None:
        network = self._get_or_create(
            Network,
            {"slug": row["slug"]},
            {
                "website": row.get("website") or "",
                **texts_by_language("name", row["name"]),
                **texts_by_language("description", row.get("description")),
            },
        )
        self.networks[row["slug"]] = network
        for member in row.get("members") or []:
            self._get_or_create(
                NetworkMembership,
                {
                    "network": network,
                    "city": self.cities.get(member.get("city") or ""),
                    "organisation": self.organisations.get(member.get("organisation") or ""),
                },
                {"role": member.get("role") or "member", "since": member.get("since")},
            )

    def _load_initiative(self, row: Mapping[str, Any]) -> Initiative | None:
        city = self.cities[row["city"]]
        if Initiative.objects.filter(city=city, slug=row["slug"]).exists():
            return None
        initiative = Initiative(
            city=city,
            slug=row["slug"],
            programme=self.programmes.get(row.get("programme") or ""),
            start_year=row.get("start_year"),
            end_year=row.get("end_year"),
            status=row.get("status") or Initiative.Status.ACTIVE,
            lead=self.organisations.get(row.get("lead") or ""),
            budget_eur=row.get("budget_eur"),
            **texts_by_language("title", row["title"]),
            **texts_by_language("summary", row["summary"]),
            **texts_by_language("description", row.get("description")),
        )
        initiative.full_clean()
        initiative.save()
        self.created["initiative"] += 1
        initiative.themes.set([self.themes[slug] for slug in row.get("themes") or []])
        initiative.cities.set([self.cities[slug] for slug in row.get("cities") or []])
        initiative.networks.set([self.networks[slug] for slug in row.get("networks") or []])
        initiative.places.set(
            [
                Place.objects.get_or_create(city=city, name=name)[0]
                for name in row.get("places") or []
            ]
        )
        Participation.objects.bulk_create(
            [
                Participation(
                    initiative=initiative,
                    organisation=self.organisations[p["organisation"]],
                    role=p.get("role") or Participation.Role.PARTNER,
                )
                for p in row.get("partners") or []
            ],
            ignore_conflicts=True,
        )
        for link in row.get("links") or []:
            InitiativeLink.objects.create(
                initiative=initiative,
                url=link["url"],
                **texts_by_language("label", link.get("label")),
            )
        for outcome in row.get("outcomes") or []:
            Outcome(
                initiative=initiative,
                value=outcome["value"],
                value_high=outcome.get("value_high"),
                qualifier=outcome.get("qualifier") or Outcome.Qualifier.EXACT,
                year=outcome.get("year"),
                period_start=outcome.get("period_start"),
                period_end=outcome.get("period_end"),
                **texts_by_language("metric", outcome["metric"]),
                **texts_by_language("unit", outcome.get("unit")),
                **texts_by_language("note", outcome.get("note")),
            ).save()
            self.created["outcome"] += 1
        for adoption in row.get("adoptions") or []:
            Adoption.objects.create(
                initiative=initiative,
                city=self.cities.get(adoption.get("city") or ""),
                organisation=self.organisations.get(adoption.get("organisation") or ""),
                year=adoption.get("year"),
                **texts_by_language("region", adoption.get("region")),
                **texts_by_language("how", adoption["how"]),
            )
            self.created["adoption"] += 1
        for lesson in row.get("lessons") or []:
            Lesson.objects.create(
                initiative=initiative,
                **texts_by_language("title", lesson["title"]),
                **texts_by_language("text", lesson["text"]),
            )
            self.created["lesson"] += 1
        return initiative


@transaction.atomic
def demo_load(*, path: Path = DEMO_FILE) -> Counter[str]:
    """Add the demo portfolio's missing records; returns how many of each kind were created."""
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    created = _Loader(document).load()
    if created:
        content_version_bump()
    return created
