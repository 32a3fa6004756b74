import pytest
from django.contrib.auth.models import AnonymousUser

from cityimpact.accounts.roles import Role, user_has_role, user_roles
from cityimpact.accounts.services import user_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", set()),
        ("resident", {Role.RESIDENT}),
        ("moderator", {Role.RESIDENT, Role.MODERATOR}),
        ("city_staff", {Role.RESIDENT, Role.CITY_STAFF}),
        ("sdg_expert", {Role.RESIDENT, Role.SDG_EXPERT}),
        ("admin", {Role.RESIDENT, Role.ADMIN}),
    ],
)
def test_each_role_is_held_as_expected(make_user, role, expected):
    user = make_user(role)
    if user is None:
        user = AnonymousUser()
    assert set(user_roles(user=user)) == expected


def test_city_staff_needs_a_city():
    with pytest.raises(ValueError):
        user_create(username="x", password=None, roles={Role.CITY_STAFF})


def test_staff_and_admins_may_use_the_django_admin(make_user):
    assert make_user("city_staff").is_staff
    assert make_user("admin").is_superuser
    moderator = make_user("moderator")
    assert not moderator.is_staff
    assert user_has_role(user=moderator, role=Role.MODERATOR)
