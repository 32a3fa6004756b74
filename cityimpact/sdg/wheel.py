"""Geometry of the SDG wheel: one ring segment per goal, as SVG path data (plain Python)."""

from __future__ import annotations

import math
from dataclasses import dataclass

SEGMENTS = 17
GAP_DEGREES = 1.2


@dataclass(frozen=True)
class Segment:
    number: int
    path: str
    label_x: float
    label_y: float


def _point(cx: float, cy: float, radius: float, degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees - 90)  # start at twelve o'clock, go clockwise
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def wheel_segments(
    *, size: float = 320, inner: float = 0.45, count: int = SEGMENTS
) -> list[Segment]:
    """Ring segments for goals 1…count in a square of `size`; `inner` is the hole's share."""
    cx = cy = size / 2
    outer_r = size / 2 - 2
    inner_r = outer_r * inner
    step = 360 / count
    segments = []
    for index in range(count):
        start = index * step + GAP_DEGREES / 2
        end = (index + 1) * step - GAP_DEGREES / 2
        x1, y1 = _point(cx, cy, outer_r, start)
        x2, y2 = _point(cx, cy, outer_r, end)
        x3, y3 = _point(cx, cy, inner_r, end)
        x4, y4 = _point(cx, cy, inner_r, start)
        path = (
            f"M{x1:.2f},{y1:.2f} A{outer_r:.2f},{outer_r:.2f} 0 0 1 {x2:.2f},{y2:.2f} "
            f"L{x3:.2f},{y3:.2f} A{inner_r:.2f},{inner_r:.2f} 0 0 0 {x4:.2f},{y4:.2f} Z"
        )
        lx, ly = _point(cx, cy, (outer_r + inner_r) / 2, (start + end) / 2)
        segments.append(Segment(index + 1, path, round(lx, 2), round(ly, 2)))
    return segments
