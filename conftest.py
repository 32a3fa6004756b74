"""Fixtures shared by every test: one user per role, and the cities they belong to."""

from __future__ import annotations

import pytest
from django.utils import translation

from cityimpact.accounts.models import User
from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import user_create
from cityimpact.core.tests.factories import CityFactory

PASSWORD = "correct horse battery"  # noqa: S105 - test-only credential
ROLES = ["anonymous", "resident", "moderator", "city_staff", "sdg_expert", "admin"]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: a request in another test must not leak its language."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def city(db):
    return CityFactory(slug="espoo", name_en="Espoo", name_fi="Espoo", name_sv="Esbo")


@pytest.fixture
def other_city(db):
    return CityFactory(slug="vantaa", name_en="Vantaa", name_fi="Vantaa", name_sv="Vanda")


@pytest.fixture
def make_user(db, city):
    def make(role: str, *, home_city=None):
        if role == "anonymous":
            return None
        roles = {Role(role)} if role != "resident" else {Role.RESIDENT}
        existing = User.objects.filter(username=f"{role}-{(home_city or city).slug}").first()
        if existing is not None:
            return existing
        return user_create(
            username=f"{role}-{(home_city or city).slug}",
            password=PASSWORD,
            roles=roles,
            city=(home_city or city) if role == "city_staff" else None,
        )

    return make


@pytest.fixture
def staff(make_user):
    return make_user("city_staff")


@pytest.fixture
def other_staff(make_user, other_city):
    return make_user("city_staff", home_city=other_city)


@pytest.fixture
def admin_user(make_user):
    return make_user("admin")
