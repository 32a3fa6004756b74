"""The framework files and the wheel geometry (plain Python, no database)."""

import re

from cityimpact.sdg import framework
from cityimpact.sdg.wheel import wheel_segments


def test_framework_files_are_complete():
    goals, targets, indicators = (
        framework.goal_rows(),
        framework.target_rows(),
        framework.indicator_rows(),
    )
    assert [g["number"] for g in goals] == list(range(1, 18))
    assert len(targets) == 169
    assert len(indicators) == 251
    assert len({i["unsd_code"] for i in indicators}) == 235
    assert all(re.fullmatch(r"#[0-9A-F]{6}", str(g["colour"])) for g in goals)
    assert all(g["short_title_fi"] and g["short_title_sv"] for g in goals)
    target_codes = {t["code"] for t in targets}
    assert {i["target"] for i in indicators} <= target_codes
    assert {t["goal"] for t in targets} == set(range(1, 18))


def test_wheel_has_one_closed_segment_per_goal_inside_the_square():
    segments = wheel_segments(size=320)
    assert [s.number for s in segments] == list(range(1, 18))
    for segment in segments:
        assert segment.path.startswith("M") and segment.path.endswith("Z")
        numbers = [float(n) for n in re.findall(r"-?\d+\.\d+", segment.path)]
        assert all(-0.01 <= n <= 320.01 for n in numbers)
    first, last = segments[0], segments[-1]
    assert first.label_x > 160 > last.label_x  # goal 1 right of twelve o'clock, 17 left of it
