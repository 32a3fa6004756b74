"""Writes of the handprint app: the factor library."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.db import transaction

LIBRARY_FILE = Path(__file__).resolve().parent / "data" / "emission_factors_fi.csv"
COMPARED = ("kgco2e_per_unit", "unit", "source", "year")


@transaction.atomic
def factor_library_load(*, path: Path = LIBRARY_FILE, apps: Any = django_apps) -> Counter[str]:
    """Load the default library. A key not yet known becomes version 1; a key whose value,
    unit, source or year differs from its latest version gets a new version; the old ones
    stay, so assessments keep the factors they were made with. Running it again changes
    nothing. `apps` lets a data migration pass its historical models."""
    factor_model = apps.get_model("handprint", "EmissionFactor")
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            values = {
                "category": row["category"],
                "name": row["name"],
                "unit": row["unit"],
                "kgco2e_per_unit": float(row["kgco2e_per_unit"]),
                "year": row["year"],
                "source": row["source"],
                "notes": row["notes"],
            }
            latest = factor_model.objects.filter(key=row["key"]).order_by("-version").first()
            if latest is None:
                factor_model.objects.create(key=row["key"], version=1, **values)
                counts["new"] += 1
            elif any(getattr(latest, name) != values[name] for name in COMPARED):
                factor_model.objects.create(key=row["key"], version=latest.version + 1, **values)
                counts["new_version"] += 1
    return counts
