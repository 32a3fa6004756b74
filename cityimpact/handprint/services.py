"""Writes of the handprint app: the factor library."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cityimpact.core.models import AuditLogEntry
from cityimpact.core.services import audit_record
from cityimpact.handprint import calculator as calc
from cityimpact.handprint.models import (
    EmissionFactor,
    FactorChange,
    HandprintAssessment,
    InventoryLine,
)
from cityimpact.handprint.permissions import can_manage_handprints

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


@transaction.atomic
def assessment_status_set(
    *, actor: Any, assessment: HandprintAssessment, status: str, review_note: str = ""
) -> HandprintAssessment:
    """Move an assessment between draft, review and published. Publishing needs a review
    note and every disclosure the guide requires (functional unit, baseline, boundary, data
    year); a draft is never published directly."""
    ensure_staff = can_manage_handprints(user=actor, city_id=assessment.city_id)
    if not ensure_staff:
        raise PermissionDenied(_("Only the city's staff change the status of an assessment."))
    if status not in HandprintAssessment.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    errors: dict[str, str] = {}
    if status == HandprintAssessment.Status.PUBLISHED:
        if assessment.status != HandprintAssessment.Status.IN_REVIEW:
            errors["status"] = _("An assessment is published only after review.")
        note = review_note.strip() or assessment.review_note
        if not note:
            errors["review_note"] = _("Say who reviewed the assessment and how.")
        missing = [
            str(getattr(HandprintAssessment._meta.get_field(name), "verbose_name", name))
            for name in ("functional_unit", "baseline_name", "boundary", "data_year")
            if not getattr(assessment, name)
        ]
        if missing:
            errors["status"] = _("Missing disclosures: {names}.").format(names=", ".join(missing))
        if not assessment.lines.filter(system="baseline").exists():
            errors["status"] = _("An assessment without a baseline cannot be published.")
    if errors:
        raise ValidationError(errors)
    before = assessment.status
    assessment.status = status
    if review_note.strip():
        assessment.review_note = review_note.strip()
    assessment.save(update_fields=["status", "review_note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=assessment,
        city=assessment.city,
        changes={"status": [before, status], "review_note": [None, assessment.review_note]},
    )
    return assessment


@transaction.atomic
def assessment_save(
    *, actor: Any, city: Any, data: dict[str, Any], assessment: HandprintAssessment | None = None
) -> HandprintAssessment:
    """Create or change an assessment's description and scale (wizard step 1). A published
    assessment goes back to draft when changed: its result must be reviewed again."""
    if not can_manage_handprints(user=actor, city_id=city.pk):
        raise PermissionDenied(_("Only the city's staff make handprint assessments."))
    creating = assessment is None
    target = assessment or HandprintAssessment(city=city)
    initiatives = data.pop("initiatives", None)
    for name, value in data.items():
        setattr(target, name, value)
    if not creating:
        target.status = HandprintAssessment.Status.DRAFT
        target.review_note = ""  # the old review was of other figures
    target.full_clean()
    target.save()
    if initiatives is not None:
        target.initiatives.set(initiatives)
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE if creating else AuditLogEntry.Action.UPDATE,
        instance=target,
        city=city,
        changes={"title": [None, target.title]} if creating else {"status": [None, target.status]},
    )
    return target


def parse_factor_changes(text: str) -> list[tuple[str, int, float]]:
    """Lines of "factor_key year value" (e.g. "fi_elec_avg_consumption_syke 2030 0.1")."""
    changes = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = raw.split()
        try:
            key, year, value = parts[0], int(parts[1]), float(parts[2].replace(",", "."))
        except (IndexError, ValueError) as error:
            raise ValidationError(
                {
                    "factor_changes": _("Line {n}: write a factor key, a year and a value.").format(
                        n=number
                    )
                }
            ) from error
        changes.append((key, year, value))
    return changes


@transaction.atomic
def inventory_save(
    *,
    actor: Any,
    assessment: HandprintAssessment,
    lines: list[dict[str, Any]],
    factor_changes: list[tuple[str, int, float]] | None = None,
) -> None:
    """Replace the inventory (wizard step 2), all or nothing. Each line is checked with the
    calculator: a negative amount, an impossible distribution or a unit that cannot be
    converted to its factor's unit is refused, naming the line."""
    if not can_manage_handprints(user=actor, city_id=assessment.city_id):
        raise PermissionDenied(_("Only the city's staff make handprint assessments."))
    errors: dict[str, str] = {}
    rows = []
    for number, line in enumerate(lines, start=1):
        factor = EmissionFactor.objects.filter(pk=line["factor"]).first()
        if factor is None:
            errors[f"line {number}"] = _("Unknown factor.")
            continue
        try:
            calc.conversion(line["unit"], factor.unit)
            distribution = calc.Distribution(
                calc.Shape(line.get("shape") or "exact"),
                low=line.get("low"),
                high=line.get("high"),
                sd=line.get("sd"),
                gsd=line.get("gsd"),
            )
            calc.Input(
                calc.Stage(line["stage"]),
                factor.key,
                line["amount"],
                line["unit"],
                uncertainty=distribution,
            )
        except calc.UnitMismatch:
            errors[f"line {number}"] = _(
                "{unit} cannot be converted to {factor_unit}, the unit of {factor}."
            ).format(unit=line["unit"], factor_unit=factor.unit, factor=factor.key)
            continue
        except ValueError as error:
            errors[f"line {number}"] = str(error)
            continue
        rows.append(
            InventoryLine(
                assessment=assessment,
                system=line["system"],
                stage=line["stage"],
                factor=factor,
                amount=line["amount"],
                unit=line["unit"],
                label=line.get("label") or "",
                shape=line.get("shape") or "exact",
                low=line.get("low"),
                high=line.get("high"),
                sd=line.get("sd"),
                gsd=line.get("gsd"),
            )
        )
    if not any(row.system == "baseline" for row in rows):
        errors.setdefault("baseline", _("The baseline needs at least one line."))
    if not any(row.system == "solution" for row in rows):
        errors.setdefault("solution", _("The solution needs at least one line."))
    used = {row.factor.key: row.factor for row in rows}
    changes = []
    for key, year, value in factor_changes or []:
        if key not in used:
            errors["factor_changes"] = _("{key} is not a factor of this inventory.").format(key=key)
            continue
        changes.append(
            FactorChange(assessment=assessment, factor=used[key], year=year, kgco2e_per_unit=value)
        )
    if errors:
        raise ValidationError(errors)
    assessment.lines.all().delete()
    InventoryLine.objects.bulk_create(rows)
    if factor_changes is not None:
        assessment.factor_changes.all().delete()
        FactorChange.objects.bulk_create(changes)
    if assessment.status != HandprintAssessment.Status.DRAFT or assessment.review_note:
        assessment.status = HandprintAssessment.Status.DRAFT
        assessment.review_note = ""  # the old review was of other figures
        assessment.save(update_fields=["status", "review_note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=assessment,
        city=assessment.city,
        changes={"inventory": [None, f"{len(rows)} lines"]},
    )
