"""The deterministic handprint calculation (VTT & LUT guide; ISO 14067 basis)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cityimpact.handprint.calculator.model import Assessment, Factor, Stage, System
from cityimpact.handprint.calculator.units import conversion


class UnknownFactor(KeyError):
    """An input refers to a factor the assessment does not carry."""


@dataclass(frozen=True)
class Contribution:
    """The footprint of one inventory line, kg CO2e per functional unit."""

    stage: Stage
    label: str
    factor: str
    kgco2e: float


@dataclass(frozen=True)
class Footprint:
    total: float
    contributions: tuple[Contribution, ...]

    def by_stage(self) -> dict[Stage, float]:
        totals = {stage: 0.0 for stage in Stage}
        for contribution in self.contributions:
            totals[contribution.stage] += contribution.kgco2e
        return totals


@dataclass(frozen=True)
class YearResult:
    year: int
    units: float
    handprint_per_unit: float
    handprint: float  # kg CO2e in the year


@dataclass(frozen=True)
class Result:
    """A handprint exists only when the solution's footprint is smaller (`exists`)."""

    functional_unit: str
    baseline: Footprint
    solution: Footprint
    handprint: float  # kg CO2e per functional unit (negative: no handprint)
    relative: float | None  # share of the baseline footprint
    exists: bool
    years: tuple[YearResult, ...] = ()
    storage_kgco2e_per_unit: float = 0.0

    @property
    def cumulative(self) -> float:
        return sum(year.handprint for year in self.years)

    @property
    def verdict(self) -> str:
        if self.exists:
            return "handprint"
        if self.handprint == 0:
            return "no difference: the solution's footprint equals the baseline's"
        return "no handprint: the solution's footprint is larger than the baseline's"


def factor_value(
    factor: Factor, year: int | None, overrides: Mapping[str, Mapping[int, float]]
) -> float:
    by_year = overrides.get(factor.key, {})
    if year is not None and by_year:
        # The latest override at or before the year; before the first, the factor itself.
        known = [y for y in by_year if y <= year]
        if known:
            return by_year[max(known)]
    return factor.kgco2e_per_unit


def footprint(
    system: System,
    factors: Mapping[str, Factor],
    *,
    year: int | None = None,
    overrides: Mapping[str, Mapping[int, float]] | None = None,
) -> Footprint:
    """CF = Σ amount × factor, each amount converted to its factor's unit first."""
    contributions = []
    for line in system.inputs:
        factor = factors.get(line.factor)
        if factor is None:
            raise UnknownFactor(line.factor)
        amount = line.amount * conversion(line.unit, factor.unit)
        value = factor_value(factor, year, overrides or {})
        contributions.append(
            Contribution(line.stage, line.label or factor.key, factor.key, amount * value)
        )
    return Footprint(sum(c.kgco2e for c in contributions), tuple(contributions))


def assess(assessment: Assessment) -> Result:
    """The handprint per functional unit and, with a scaling, per year of the horizon."""
    baseline = footprint(assessment.baseline, assessment.factors)
    solution = footprint(assessment.solution, assessment.factors)
    handprint = baseline.total - solution.total
    relative = handprint / baseline.total if baseline.total else None
    years: list[YearResult] = []
    scaling = assessment.scaling
    if scaling is not None:
        for year in range(scaling.start_year, scaling.start_year + scaling.years):
            per_unit = (
                footprint(
                    assessment.baseline,
                    assessment.factors,
                    year=year,
                    overrides=scaling.factor_by_year,
                ).total
                - footprint(
                    assessment.solution,
                    assessment.factors,
                    year=year,
                    overrides=scaling.factor_by_year,
                ).total
            )
            years.append(
                YearResult(
                    year, scaling.units_per_year, per_unit, per_unit * scaling.units_per_year
                )
            )
    return Result(
        functional_unit=assessment.functional_unit,
        baseline=baseline,
        solution=solution,
        handprint=handprint,
        relative=relative,
        exists=handprint > 0,
        years=tuple(years),
        storage_kgco2e_per_unit=assessment.storage_kgco2e_per_unit,
    )


def per_unit(total: float, units: float) -> float:
    """Share a total over units (18 charging points sharing 110 t a year: 6.11 t each)."""
    if units <= 0:
        raise ValueError("Share over a positive number of units.")
    return total / units
