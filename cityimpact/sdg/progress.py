"""Whether a local indicator is on track to its target, judged from its trend (plain Python).

The rule, shown to readers with every judgement: fit a straight line (least squares) through
the measured values against time, extend it to the target year, and compare the projected
value with the target value in the indicator's better direction. With fewer than two values
in different years there is no trend, and no judgement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    ACHIEVED = "achieved"
    NO_TARGET = "no_target"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True)
class Judgement:
    status: Status
    slope_per_year: float | None = None
    projected: float | None = None


def _year_fraction(date: dt.date) -> float:
    start = dt.date(date.year, 1, 1)
    days = (dt.date(date.year + 1, 1, 1) - start).days
    return date.year + (date - start).days / days


def trend(points: Sequence[tuple[dt.date, float]]) -> tuple[float, float] | None:
    """(slope per year, intercept) of the least-squares line, or None without a trend."""
    xs = [_year_fraction(date) for date, _value in points]
    ys = [float(value) for _date, value in points]
    if len(points) < 2 or max(xs) - min(xs) < 0.5:
        return None
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, mean_y - slope * mean_x


def judge(
    *,
    points: Sequence[tuple[dt.date, float]],
    target_value: float | None,
    target_year: int | None,
    higher_is_better: bool,
) -> Judgement:
    """On track, off track or achieved, by the rule in this module's docstring."""
    if target_value is None or target_year is None:
        return Judgement(Status.NO_TARGET)
    ordered = sorted(points)
    if ordered:
        latest = float(ordered[-1][1])
        reached = latest >= target_value if higher_is_better else latest <= target_value
        if reached:
            return Judgement(Status.ACHIEVED)
    line = trend(ordered)
    if line is None:
        return Judgement(Status.NOT_ENOUGH_DATA)
    slope, intercept = line
    projected = slope * (target_year + 0.5) + intercept
    on_track = projected >= target_value if higher_is_better else projected <= target_value
    return Judgement(Status.ON_TRACK if on_track else Status.OFF_TRACK, slope, projected)


def agreement(scores_by_item: Sequence[Sequence[int]]) -> float | None:
    """Share of items evaluated by two or more experts whose scores differ by at most one
    point on the 0–3 scale; None when no item has two evaluations yet."""
    multi = [scores for scores in scores_by_item if len(scores) >= 2]
    if not multi:
        return None
    return sum(1 for scores in multi if max(scores) - min(scores) <= 1) / len(multi)
