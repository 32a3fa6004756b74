"""Writes of the SDG app."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.apps import apps as django_apps
from django.db import transaction

from cityimpact.sdg import framework


@transaction.atomic
def sdg_framework_load(*, apps: Any = django_apps) -> Counter[str]:
    """Create or update goals, targets and indicators from the data files, by code.

    Idempotent; `apps` lets a data migration pass its historical models."""
    goal_model = apps.get_model("sdg", "Goal")
    target_model = apps.get_model("sdg", "Target")
    indicator_model = apps.get_model("sdg", "Indicator")
    created: Counter[str] = Counter()
    goals = {}
    for row in framework.goal_rows():
        number = row.pop("number")
        goals[number], new = goal_model.objects.update_or_create(
            number=number,
            defaults={**row, "title": row["title_en"], "short_title": row["short_title_en"]},
        )
        created["goal"] += new
    targets = {}
    for row in framework.target_rows():
        code = row.pop("code")
        row["goal"] = goals[row["goal"]]
        targets[code], new = target_model.objects.update_or_create(
            code=code, defaults={**row, "title": row["title_en"]}
        )
        created["target"] += new
    for row in framework.indicator_rows():
        code = row.pop("code")
        row["target"] = targets[row["target"]]
        _indicator, new = indicator_model.objects.update_or_create(
            code=code, defaults={**row, "title": row["title_en"]}
        )
        created["indicator"] += new
    return created
