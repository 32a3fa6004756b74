"""Monte Carlo uncertainty of a handprint, vectorised with NumPy, and a one-at-a-time
sensitivity (tornado) of the inputs that matter most."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cityimpact.handprint.calculator.core import UnknownFactor, assess
from cityimpact.handprint.calculator.model import Assessment, Distribution, Shape
from cityimpact.handprint.calculator.units import conversion


@dataclass(frozen=True)
class Summary:
    draws: int
    seed: int
    mean: float
    median: float
    p5: float
    p95: float
    exact: bool  # every input was exact: the draws all equal the deterministic result
    samples: np.ndarray

    def histogram(self, bins: int = 30) -> tuple[list[int], list[float]]:
        counts, edges = np.histogram(self.samples, bins=bins)
        return counts.tolist(), edges.tolist()


@dataclass(frozen=True)
class Swing:
    """How far the handprint moves when one input goes from its 5th to 95th percentile."""

    label: str
    low: float
    high: float

    @property
    def width(self) -> float:
        return abs(self.high - self.low)


def _draw(
    value: float, distribution: Distribution, size: int, rng: np.random.Generator
) -> np.ndarray:
    shape = distribution.shape
    # Distribution validated its parameters: those its shape needs are set.
    low, high = float(distribution.low or 0.0), float(distribution.high or 0.0)
    if shape is Shape.EXACT:
        return np.full(size, value)
    if shape is Shape.TRIANGULAR:
        return rng.triangular(low, value, high, size)
    if shape is Shape.UNIFORM:
        return rng.uniform(low, high, size)
    if shape is Shape.NORMAL:
        return rng.normal(value, float(distribution.sd or 0.0), size)
    # LOGNORMAL: `value` is the median, gsd the geometric standard deviation
    median = np.log(value) if value > 0 else 0.0
    return rng.lognormal(median, np.log(float(distribution.gsd or 1.0)), size)


def _quantiles(value: float, distribution: Distribution) -> tuple[float, float]:
    """5th and 95th percentiles of an input (for the tornado)."""
    shape = distribution.shape
    if shape is Shape.EXACT:
        return value, value
    sample = _draw(value, distribution, 20_000, np.random.default_rng(0))
    low, high = np.percentile(sample, [5, 95])
    return float(low), float(high)


def _terms(
    assessment: Assessment,
) -> list[tuple[str, float, float, Distribution, Distribution, float, int]]:
    """(label, amount, factor, amount distribution, factor distribution, unit conversion, sign)."""
    terms = []
    for sign, system in ((1, assessment.baseline), (-1, assessment.solution)):
        for line in system.inputs:
            factor = assessment.factors.get(line.factor)
            if factor is None:
                raise UnknownFactor(line.factor)
            terms.append(
                (
                    f"{system.name}: {line.label or factor.key}",
                    line.amount,
                    factor.kgco2e_per_unit,
                    line.uncertainty,
                    factor.uncertainty,
                    conversion(line.unit, factor.unit),
                    sign,
                )
            )
    return terms


def simulate(assessment: Assessment, *, draws: int = 10_000, seed: int = 1) -> Summary:
    """Handprint per functional unit over `draws` joint draws of every uncertain amount and
    factor. The same seed gives the same numbers. A factor shared by both systems is drawn
    once per draw, so its uncertainty cancels where it should."""
    if draws < 1:
        raise ValueError("At least one draw.")
    rng = np.random.default_rng(seed)
    factor_draws: dict[str, np.ndarray] = {
        key: _draw(factor.kgco2e_per_unit, factor.uncertainty, draws, rng)
        for key, factor in sorted(assessment.factors.items())
    }
    total = np.zeros(draws)
    exact = all(f.uncertainty.is_exact for f in assessment.factors.values())
    for sign, system in ((1.0, assessment.baseline), (-1.0, assessment.solution)):
        for line in system.inputs:
            if line.factor not in assessment.factors:
                raise UnknownFactor(line.factor)
            exact &= line.uncertainty.is_exact
            amounts = _draw(line.amount, line.uncertainty, draws, rng)
            scale = conversion(line.unit, assessment.factors[line.factor].unit)
            total += sign * amounts * scale * factor_draws[line.factor]
    return Summary(
        draws=draws,
        seed=seed,
        mean=float(total.mean()),
        median=float(np.median(total)),
        p5=float(np.percentile(total, 5)),
        p95=float(np.percentile(total, 95)),
        exact=exact,
        samples=total,
    )


def tornado(assessment: Assessment, *, top: int = 10) -> list[Swing]:
    """One input at a time from its 5th to its 95th percentile, the rest at their values."""
    base = assess(assessment).handprint
    swings = []
    for label, amount, factor, amount_dist, factor_dist, scale, sign in _terms(assessment):
        if not amount_dist.is_exact:
            low, high = _quantiles(amount, amount_dist)
            delta = sign * scale * factor
            swings.append(
                Swing(
                    f"{label} (amount)",
                    base + (low - amount) * delta,
                    base + (high - amount) * delta,
                )
            )
        if not factor_dist.is_exact:
            low, high = _quantiles(factor, factor_dist)
            delta = sign * scale * amount
            swings.append(
                Swing(
                    f"{label} (factor)",
                    base + (low - factor) * delta,
                    base + (high - factor) * delta,
                )
            )
    return sorted(swings, key=lambda swing: swing.width, reverse=True)[:top]
