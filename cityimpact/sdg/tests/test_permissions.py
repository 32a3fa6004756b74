"""Every role against every SDG action, in one table: who may link, contribute, moderate,
evaluate and run a review (phases, report)."""

import pytest

from cityimpact.sdg.permissions import (
    can_contribute,
    can_evaluate,
    can_link,
    can_manage_city_sdg,
    can_moderate,
)
from cityimpact.sdg.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

#            role:        link   contribute moderate evaluate manage
EXPECTED = {
    "anonymous": (False, False, False, False, False),
    "resident": (False, True, False, False, False),
    "moderator": (False, True, True, False, False),
    "city_staff": (True, True, True, False, True),
    "sdg_expert": (True, True, False, True, False),
    "admin": (True, True, True, False, True),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_matrix(make_user, city, role):
    user = make_user(role)
    review = ReviewFactory(city=city)
    actual = (
        can_link(user=user, city_id=city.pk),
        can_contribute(user=user, review=review),
        can_moderate(user=user, review=review),
        can_evaluate(user=user, review=review),
        can_manage_city_sdg(user=user, city_id=city.pk),
    )
    assert actual == EXPECTED[role]


def test_staff_rights_end_at_their_city(other_staff, city):
    review = ReviewFactory(city=city)
    assert not can_manage_city_sdg(user=other_staff, city_id=city.pk)
    assert not can_link(user=other_staff, city_id=city.pk)
    assert not can_moderate(user=other_staff, review=review)


@pytest.mark.parametrize(
    ("phase", "contribute", "evaluate"),
    [
        ("preparation", False, False),
        ("collecting", True, True),
        ("evaluation", False, True),
        ("drafting", False, False),
        ("published", False, False),
    ],
)
def test_phases_open_and_close_contributing_and_evaluating(
    make_user, city, phase, contribute, evaluate
):
    review = ReviewFactory(city=city, phase=phase)
    assert can_contribute(user=make_user("resident"), review=review) is contribute
    assert can_evaluate(user=make_user("sdg_expert"), review=review) is evaluate
