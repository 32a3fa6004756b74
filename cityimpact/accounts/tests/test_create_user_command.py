import io

import pytest
from django.core.management import CommandError, call_command

from cityimpact.accounts.models import User
from cityimpact.accounts.roles import Role, user_has_role

pytestmark = pytest.mark.django_db


def run(monkeypatch, *args, password="a long enough passphrase"):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    call_command("create_user", *args, "--password-stdin", stdout=io.StringIO())


def test_creates_city_staff(monkeypatch, city):
    run(monkeypatch, "anna", "--role", "city_staff", "--city", "espoo")
    user = User.objects.get(username="anna")
    assert user.city == city
    assert user_has_role(user=user, role=Role.CITY_STAFF)
    assert user.check_password("a long enough passphrase")


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("bob", "--role", "city_staff"), "a long enough passphrase", "must belong to a city"),
        (("bob", "--city", "atlantis"), "a long enough passphrase", "No city"),
        (("bob",), "123", "too short"),
    ],
)
def test_bad_input_is_refused(monkeypatch, city, args, password, message):
    with pytest.raises(CommandError, match=message):
        run(monkeypatch, *args, password=password)
    assert not User.objects.filter(username="bob").exists()


def test_existing_username_is_refused(monkeypatch, city):
    run(monkeypatch, "anna")
    with pytest.raises(CommandError, match="already exists"):
        run(monkeypatch, "anna")
