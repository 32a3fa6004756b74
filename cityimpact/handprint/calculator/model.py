"""The inputs of a handprint assessment (plain data, no Django).

A handprint compares a *solution* with its *baseline* on the same functional unit:
CF_x = Σ_stages Σ_i amount_x,i × factor_i; CH = CF_baseline − CF_solution.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Stage(StrEnum):
    RAW_MATERIALS = "raw_materials"
    MANUFACTURING = "manufacturing"
    DISTRIBUTION = "distribution"
    USE = "use"
    END_OF_LIFE = "end_of_life"


class Shape(StrEnum):
    EXACT = "exact"
    TRIANGULAR = "triangular"  # low, mode, high
    NORMAL = "normal"  # mean (the value), sd
    LOGNORMAL = "lognormal"  # median (the value), geometric sd (> 1)
    UNIFORM = "uniform"  # low, high


@dataclass(frozen=True)
class Distribution:
    """How uncertain a value is. EXACT means known exactly: it is never silently widened."""

    shape: Shape = Shape.EXACT
    low: float | None = None
    high: float | None = None
    sd: float | None = None
    gsd: float | None = None

    def __post_init__(self) -> None:
        problems = {
            Shape.TRIANGULAR: self.low is None or self.high is None,
            Shape.UNIFORM: self.low is None or self.high is None,
            Shape.NORMAL: self.sd is None or (self.sd or 0) < 0,
            Shape.LOGNORMAL: self.gsd is None or (self.gsd or 0) <= 1,
        }
        if problems.get(self.shape, False):
            raise ValueError(f"Incomplete parameters for a {self.shape} distribution.")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("The low end of a distribution is above its high end.")

    @property
    def is_exact(self) -> bool:
        return self.shape is Shape.EXACT


EXACT = Distribution()


def check_value_in_range(value: float, distribution: Distribution, name: str) -> None:
    """A triangular value must lie between its low and high ends (it is the mode)."""
    if distribution.shape is Shape.TRIANGULAR and not (
        (distribution.low or 0) <= value <= (distribution.high or 0)
    ):
        raise ValueError(
            f"{name}: {value} is outside its range {distribution.low}…{distribution.high}."
        )


@dataclass(frozen=True)
class Factor:
    """An emission factor: kg CO2e per one `unit` of an activity, from a cited source."""

    key: str
    kgco2e_per_unit: float
    unit: str
    source: str = ""
    year: str = ""
    uncertainty: Distribution = EXACT

    def __post_init__(self) -> None:
        check_value_in_range(self.kgco2e_per_unit, self.uncertainty, self.key)


@dataclass(frozen=True)
class Input:
    """One line of a life-cycle inventory: an amount of an activity per functional unit."""

    stage: Stage
    factor: str  # key of a Factor
    amount: float
    unit: str
    label: str = ""
    uncertainty: Distribution = EXACT

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"A negative amount ({self.amount}) for {self.label or self.factor}.")
        check_value_in_range(self.amount, self.uncertainty, self.label or self.factor)


@dataclass(frozen=True)
class System:
    """A product system delivering the functional unit: the baseline or the solution."""

    name: str
    inputs: tuple[Input, ...]


@dataclass(frozen=True)
class Scaling:
    """How many functional units are used per year, over how many years from `start_year`.
    `factor_by_year` lets a factor change year by year (the grid decarbonising), so the
    annual handprint of the same solution changes too."""

    units_per_year: float
    start_year: int
    years: int = 1
    factor_by_year: Mapping[str, Mapping[int, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.units_per_year < 0 or self.years < 1:
            raise ValueError(
                "Units per year cannot be negative and the horizon is at least a year."
            )


@dataclass(frozen=True)
class Assessment:
    """A solution against its baseline on one functional unit, with the factors they use.
    `storage_kgco2e_per_unit` is carbon stored in products: reported beside the handprint,
    never netted into it."""

    functional_unit: str
    baseline: System
    solution: System
    factors: Mapping[str, Factor]
    scaling: Scaling | None = None
    storage_kgco2e_per_unit: float = 0.0
