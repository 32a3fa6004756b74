"""A small line chart of an indicator's values as SVG path data (plain Python), for pages and
the PDF report, where no JavaScript runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    path: str
    points: list[tuple[float, float]]
    target: tuple[float, float] | None


def sparkline(
    *,
    values: Sequence[tuple[float, float]],
    target: tuple[float, float] | None = None,
    width: int = 240,
    height: int = 60,
    pad: int = 6,
) -> Sparkline | None:
    """`values` are (year, value) pairs; `target` an optional (year, value) shown as a point."""
    if not values:
        return None
    every = list(values) + ([target] if target else [])
    xs, ys = [x for x, _y in every], [y for _x, y in every]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    span_x, span_y = (x1 - x0) or 1.0, (y1 - y0) or 1.0

    def place(x: float, y: float) -> tuple[float, float]:
        return (
            round(pad + (x - x0) / span_x * (width - 2 * pad), 1),
            round(height - pad - (y - y0) / span_y * (height - 2 * pad), 1),
        )

    points = [place(x, y) for x, y in sorted(values)]
    path = "M" + " L".join(f"{x},{y}" for x, y in points)
    return Sparkline(width, height, path, points, place(*target) if target else None)
