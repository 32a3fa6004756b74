"""Reads of the handprint app, and turning stored assessments into calculations."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cityimpact.handprint import calculator as calc
from cityimpact.handprint.models import EmissionFactor, HandprintAssessment, UncertaintyFields
from cityimpact.handprint.permissions import can_manage_handprints
from cityimpact.handprint.results import result_document


def factor_list(*, current_only: bool = True) -> QuerySet[EmissionFactor]:
    """The library; by default only each key's latest version."""
    factors = EmissionFactor.objects.order_by("category", "key", "-version")
    if not current_only:
        return factors
    latest: dict[str, int] = {}
    for pk, key in factors.values_list("pk", "key"):
        latest.setdefault(key, pk)  # the first row of a key is its highest version
    return EmissionFactor.objects.filter(pk__in=latest.values()).order_by("category", "key")


def factor_latest(*, key: str) -> EmissionFactor:
    """The current version of a factor; raises EmissionFactor.DoesNotExist."""
    factor = EmissionFactor.objects.filter(key=key).order_by("-version").first()
    if factor is None:
        raise EmissionFactor.DoesNotExist(key)
    return factor


def distribution_of(row: UncertaintyFields) -> calc.Distribution:
    return calc.Distribution(
        calc.Shape(row.shape), low=row.low, high=row.high, sd=row.sd, gsd=row.gsd
    )


def factor_for_calculation(factor: EmissionFactor) -> calc.Factor:
    return calc.Factor(
        key=f"{factor.key}@{factor.version}",
        kgco2e_per_unit=factor.kgco2e_per_unit,
        unit=factor.unit,
        source=factor.source,
        year=factor.year,
        uncertainty=distribution_of(factor),
    )


def assessment_calculation(*, assessment: HandprintAssessment) -> calc.Assessment:
    """A stored assessment as the calculator's input, with the factor versions it froze."""
    lines = list(assessment.lines.select_related("factor"))
    factors = {
        f"{line.factor.key}@{line.factor.version}": factor_for_calculation(line.factor)
        for line in lines
    }

    def system(kind: str, name: str) -> calc.System:
        return calc.System(
            name,
            tuple(
                calc.Input(
                    calc.Stage(line.stage),
                    f"{line.factor.key}@{line.factor.version}",
                    line.amount,
                    line.unit,
                    line.label,
                    distribution_of(line),
                )
                for line in lines
                if line.system == kind
            ),
        )

    scaling = None
    if assessment.start_year:
        changes: dict[str, dict[int, float]] = {}
        for change in assessment.factor_changes.select_related("factor"):
            key = f"{change.factor.key}@{change.factor.version}"
            changes.setdefault(key, {})[change.year] = change.kgco2e_per_unit
        scaling = calc.Scaling(
            units_per_year=assessment.units_per_year,
            start_year=assessment.start_year,
            years=assessment.years,
            factor_by_year=changes,
        )
    return calc.Assessment(
        functional_unit=assessment.functional_unit,
        baseline=system("baseline", assessment.baseline_name),
        solution=system("solution", assessment.solution_name),
        factors=factors,
        scaling=scaling,
        storage_kgco2e_per_unit=assessment.storage_kgco2e_per_unit,
    )


def assessment_list(*, city: Any, user: Any) -> QuerySet[HandprintAssessment]:
    """The city's assessments the user may see: published ones, or all for its staff."""
    assessments = HandprintAssessment.objects.filter(city=city).prefetch_related("initiatives")
    if not can_manage_handprints(user=user, city_id=city.pk):
        assessments = assessments.filter(status=HandprintAssessment.Status.PUBLISHED)
    return assessments.order_by("mechanism", "title")


def assessment_result(*, assessment: HandprintAssessment) -> dict[str, Any]:
    """The result document (see results.result_document) of a stored assessment."""
    return result_document(assessment_calculation(assessment=assessment))


def city_portfolio(*, assessments: list[HandprintAssessment]) -> dict[str, Any]:
    """Handprints by mechanism and year, without double counting: a solution assessed under
    two mechanisms is counted once (under the first) and flagged."""
    seen: dict[str, str] = {}
    rows = []
    totals: dict[str, dict[int, float]] = {}
    for assessment in assessments:
        key = assessment.solution_name.strip().casefold()
        duplicate_of = seen.get(key)
        if duplicate_of is None:
            seen[key] = assessment.get_mechanism_display()
        result = assessment_result(assessment=assessment)
        rows.append({"assessment": assessment, "result": result, "duplicate_of": duplicate_of})
        if duplicate_of is None and assessment.mechanism != HandprintAssessment.Mechanism.COMPANIES:
            # Potential and realised handprints are never added together.
            series = f"{assessment.get_mechanism_display()} · {assessment.get_kind_display()}"
            by_year = totals.setdefault(series, {})
            for year in result["years"]:
                by_year[year["year"]] = by_year.get(year["year"], 0.0) + year["handprint_kgco2e"]
    years = sorted({year for by_year in totals.values() for year in by_year})
    return {
        "rows": rows,
        "years": years,
        "totals": [
            {"mechanism": mechanism, "values": [by_year.get(year, 0.0) / 1000 for year in years]}
            for mechanism, by_year in totals.items()
        ],
    }
