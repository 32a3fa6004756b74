"""Reads of the handprint app, and turning stored assessments into calculations."""

from __future__ import annotations

from django.db.models import QuerySet

from cityimpact.handprint import calculator as calc
from cityimpact.handprint.models import EmissionFactor, HandprintAssessment, UncertaintyFields


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
        scaling = calc.Scaling(
            units_per_year=assessment.units_per_year,
            start_year=assessment.start_year,
            years=assessment.years,
        )
    return calc.Assessment(
        functional_unit=assessment.functional_unit,
        baseline=system("baseline", assessment.baseline_name),
        solution=system("solution", assessment.solution_name),
        factors=factors,
        scaling=scaling,
        storage_kgco2e_per_unit=assessment.storage_kgco2e_per_unit,
    )
