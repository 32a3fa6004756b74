import datetime as dt

import pytest

from cityimpact.sdg.progress import Status, agreement, judge, trend


def series(*pairs):
    return [(dt.date(year, 6, 30), value) for year, value in pairs]


def test_trend_of_a_straight_line():
    slope, intercept = trend(series((2018, 10), (2020, 14), (2022, 18)))
    assert slope == pytest.approx(2, rel=1e-3)
    assert slope * 2024.5 + intercept == pytest.approx(22, rel=1e-3)


def test_no_trend_from_one_point_or_one_year():
    assert trend(series((2020, 5))) is None
    assert trend([(dt.date(2020, 1, 1), 1), (dt.date(2020, 2, 1), 2)]) is None


@pytest.mark.parametrize(
    ("points", "target", "higher", "status"),
    [
        (series((2018, 10), (2020, 14)), (20, 2030), True, Status.ON_TRACK),
        (series((2018, 10), (2020, 11)), (20, 2030), True, Status.OFF_TRACK),
        (series((2018, 100), (2020, 80)), (40, 2030), False, Status.ON_TRACK),
        (series((2018, 100), (2020, 99)), (40, 2030), False, Status.OFF_TRACK),
        (series((2018, 10), (2020, 25)), (20, 2030), True, Status.ACHIEVED),
        (series((2020, 10)), (20, 2030), True, Status.NOT_ENOUGH_DATA),
        (series((2018, 10), (2020, 14)), (None, None), True, Status.NO_TARGET),
    ],
)
def test_judgement(points, target, higher, status):
    value, year = target
    result = judge(points=points, target_value=value, target_year=year, higher_is_better=higher)
    assert result.status is status


def test_agreement_counts_items_within_one_point():
    assert agreement([[3, 2], [0, 3], [2]]) == 0.5
    assert agreement([[1]]) is None
