import pytest
from django.core.cache import cache

from cityimpact.accounts.models import User
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_sign_in_and_out(client, staff):
    response = client.post(
        "/en/accounts/login/", {"username": staff.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.post("/en/accounts/logout/").status_code == 302


def test_wrong_password_shows_error(client, staff):
    response = client.post("/en/accounts/login/", {"username": staff.username, "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_repeated_failures_are_refused_even_with_right_password(client, staff):
    for _ in range(5):
        client.post("/en/accounts/login/", {"username": staff.username, "password": "nope"})
    response = client.post(
        "/en/accounts/login/", {"username": staff.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_usernames_are_not_blocked(client, staff, admin_user):
    for _ in range(5):
        client.post("/en/accounts/login/", {"username": staff.username, "password": "nope"})
    response = client.post(
        "/en/accounts/login/", {"username": admin_user.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_one_address_trying_many_usernames_is_refused(client, staff):
    # Password spraying: one guess on each of many accounts stays under the per-account limit.
    for n in range(50):
        client.post("/en/accounts/login/", {"username": f"someone{n}", "password": "Summer2026"})
    response = client.post(
        "/en/accounts/login/", {"username": staff.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    other = client.post(
        "/en/accounts/login/",
        {"username": staff.username, "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert other.status_code == 302


def test_password_guesses_on_the_erase_form_are_limited(client, make_user):
    resident = make_user("resident")
    client.force_login(resident)
    for _ in range(5):
        client.post("/en/accounts/me/", {"password": "nope"})
    response = client.post("/en/accounts/me/", {"password": PASSWORD})
    assert "Too many failed attempts" in response.content.decode()
    assert User.objects.filter(pk=resident.pk).exists()
