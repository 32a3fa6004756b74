"""Loads Espoo's SDG demo data (`sdg/demo/espoo.yaml`): links of the portfolio's initiatives
to targets, local goals and indicators, and an example voluntary local review.

Like the portfolio's demo loader it only adds what is missing and never overwrites edits."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from cityimpact.core.languages import texts_by_language
from cityimpact.core.models import City
from cityimpact.core.services import content_version_bump
from cityimpact.portfolio.selectors import initiative_get_by_slug
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
    Target,
)
from cityimpact.sdg.translation import ReviewTranslationOptions

logger = logging.getLogger(__name__)
DEMO_FILE = Path(__file__).resolve().parent.parent / "demo" / "espoo.yaml"


class _Loader:
    def __init__(self, document: Mapping[str, Any], city: City) -> None:
        self.doc = document
        self.city = city
        self.created: Counter[str] = Counter()
        self.targets = {t.code: t for t in Target.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.all()}

    def _link(self, row: Mapping[str, Any], **source: Any) -> None:
        target = self.targets[str(row["target"])]
        indicator = self.indicators.get(str(row.get("indicator") or ""))
        _link, created = SdgLink.objects.get_or_create(
            **source,
            target=target,
            indicator=indicator,
            defaults={"kind": row["kind"], "rationale": row["rationale"]},
        )
        self.created["link"] += created

    def load(self) -> Counter[str]:
        for row in self.doc.get("initiative_links", []):
            try:
                initiative = initiative_get_by_slug(city=self.city, slug=row["initiative"])
            except ObjectDoesNotExist:
                logger.info("Demo initiative %s is gone; its link is skipped.", row["initiative"])
            else:
                self._link(row, initiative=initiative)
        goals = {}
        for row in self.doc.get("local_goals", []):
            goal, created = LocalGoal.objects.get_or_create(
                city=self.city,
                code=row["code"],
                defaults={
                    **texts_by_language("title", row["title"]),
                    **texts_by_language("description", row.get("description")),
                    "is_example": bool(row.get("is_example")),
                },
            )
            self.created["local_goal"] += created
            goals[row["code"]] = goal
            for link in row.get("links") or []:
                self._link(link, local_goal=goal)
        for row in self.doc.get("local_indicators", []):
            self._load_indicator(row, goals)
        if self.doc.get("review"):
            self._load_review(self.doc)
        return self.created

    def _load_indicator(self, row: Mapping[str, Any], goals: Mapping[str, LocalGoal]) -> None:
        indicator, created = LocalIndicator.objects.get_or_create(
            city=self.city,
            code=row["code"],
            defaults={
                **texts_by_language("name", row["name"]),
                "unit": row["unit"],
                "local_goal": goals.get(row.get("local_goal") or ""),
                "direction": row.get("direction") or "increase",
                "baseline_value": row.get("baseline_value"),
                "baseline_year": row.get("baseline_year"),
                "target_value": row.get("target_value"),
                "target_year": row.get("target_year"),
                "source": row.get("source") or "",
                "is_example": bool(row.get("is_example")),
            },
        )
        self.created["local_indicator"] += created
        for value in row.get("values") or []:
            _value, new = IndicatorValue.objects.get_or_create(
                indicator=indicator,
                date=dt.date.fromisoformat(str(value["date"])),
                defaults={
                    "value": Decimal(str(value["value"])),
                    "source": value.get("source") or "",
                },
            )
            self.created["indicator_value"] += new
        for link in row.get("links") or []:
            self._link(link, local_indicator=indicator)

    def _load_review(self, doc: Mapping[str, Any]) -> None:
        row = doc["review"]
        review, created = Review.objects.get_or_create(
            city=self.city,
            slug=row["slug"],
            defaults={
                **{
                    key: value
                    for field in ReviewTranslationOptions.fields  # every translated text
                    for key, value in texts_by_language(field, row.get(field)).items()
                },
                "period_start": dt.date.fromisoformat(str(row["period_start"])),
                "period_end": dt.date.fromisoformat(str(row["period_end"])),
                "phase": row.get("phase") or Review.Phase.PUBLISHED,
                "is_example": bool(row.get("is_example")),
            },
        )
        self.created["review"] += created
        if not created:
            return  # contributions belong to the review as first loaded
        users = {}
        user_model = get_user_model()
        for person in doc.get("participants") or []:
            user, _new = user_model.objects.get_or_create(username=person["username"])
            if _new:
                user.set_unusable_password()  # demo people cannot sign in
                user.save()
            users[person["username"]] = user
            ReviewParticipant.objects.get_or_create(
                review=review, user=user, defaults={"group": person["group"]}
            )
        goals_by_number = {g.number: g for g in Goal.objects.all()}
        for item in doc.get("contributions") or []:
            contribution = Contribution.objects.create(
                review=review,
                author=users.get(item["author"]),
                group=item["group"],
                kind=item.get("kind") or "project",
                title=item["title"],
                text=item["text"],
                date=dt.date.fromisoformat(str(item["date"])),
                evidence="\n".join(item.get("evidence") or []),
                status=item.get("status") or Contribution.Status.APPROVED,
            )
            contribution.goals.set([goals_by_number[n] for n in item.get("goals") or []])
            contribution.targets.set([self.targets[str(c)] for c in item.get("targets") or []])
            self.created["contribution"] += 1
            for evaluation in item.get("evaluations") or []:
                Evaluation.objects.create(
                    contribution=contribution,
                    expert=users[evaluation["expert"]],
                    score=evaluation["score"],
                    comment=evaluation.get("comment") or "",
                )
                self.created["evaluation"] += 1


@transaction.atomic
def sdg_demo_load(*, city: City, path: Path = DEMO_FILE) -> Counter[str]:
    """Add the SDG demo data of `city` that is missing; returns what was created."""
    if not path.exists():
        return Counter()
    if LocalGoal.objects.filter(city=city).exists() or Review.objects.filter(city=city).exists():
        return Counter()  # the city's SDG work is its own now: never re-add what it removed
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    created = _Loader(document, city).load()
    if created:
        content_version_bump()
    return created
