"""Time of 10 000 Monte Carlo draws of a handprint assessment with 50 uncertain inputs.

    .venv/bin/python benchmarks/handprint_mc.py

Aim: at most 1 s on 2 cores. Prints the best of five runs and the result's interval.
"""

from __future__ import annotations

import time

from cityimpact.handprint.calculator import (
    Assessment,
    Distribution,
    Factor,
    Input,
    Shape,
    Stage,
    System,
    simulate,
)


def spread(value: float, kind: int) -> Distribution:
    """One of four distribution shapes around a value, for a mix like a real inventory."""
    if kind == 0:
        return Distribution(Shape.NORMAL, sd=0.1 * value)
    if kind == 1:
        return Distribution(Shape.TRIANGULAR, low=0.7 * value, high=1.5 * value)
    if kind == 2:
        return Distribution(Shape.LOGNORMAL, gsd=1.3)
    return Distribution(Shape.UNIFORM, low=0.8 * value, high=1.2 * value)


def build(uncertain_inputs: int = 50) -> Assessment:
    factors = {}
    for i in range(10):
        value = 0.1 + i / 100
        factors[f"f{i}"] = Factor(f"f{i}", value, "kWh", uncertainty=spread(value, i % 4))
    lines = []
    for i in range(uncertain_inputs - len(factors)):
        amount = 1.0 + i / 10
        lines.append(
            Input(Stage.USE, f"f{i % 10}", amount, "kWh", f"input {i}", spread(amount, (i + 1) % 4))
        )
    half = len(lines) // 2
    solution = tuple(
        Input(x.stage, x.factor, x.amount * 0.5, x.unit, x.label, spread(x.amount * 0.5, 3))
        for x in lines[half:]
    )
    return Assessment(
        "1 unit", System("Baseline", tuple(lines[:half])), System("Solution", solution), factors
    )


def main() -> None:
    assessment = build()
    uncertain = sum(not f.uncertainty.is_exact for f in assessment.factors.values()) + sum(
        not i.uncertainty.is_exact
        for s in (assessment.baseline, assessment.solution)
        for i in s.inputs
    )
    timings = []
    for seed in range(5):
        start = time.perf_counter()
        summary = simulate(assessment, draws=10_000, seed=seed)
        timings.append(time.perf_counter() - start)
    print(f"uncertain inputs: {uncertain}, draws: 10000")
    best, median = min(timings) * 1000, sorted(timings)[2] * 1000
    print(f"best of 5: {best:.1f} ms, median: {median:.1f} ms (aim <= 1000 ms)")
    interval = f"{summary.p5:.3f} … {summary.p95:.3f}"
    print(f"handprint per unit: median {summary.median:.3f}, 90 % interval {interval} kg CO2e")


if __name__ == "__main__":
    main()
