import io
import re
import smtplib

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from cityimpact.accounts.checks import identity_backend_check
from cityimpact.accounts.identity import has_identity_level, identity_level
from cityimpact.accounts.models import User
from cityimpact.campaigns.permissions import can_propose
from cityimpact.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db
SIGNUP = {
    "username": "riikka",
    "email": "Riikka@Example.org",
    "password1": "a long passphrase 42",
    "password2": "a long passphrase 42",
}


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def verification_link() -> str:
    found = re.search(r"http://testserver(\S+)", str(mail.outbox[-1].body))
    assert found is not None
    return found.group(1)


def test_sign_up_verify_once(client):
    response = client.post("/en/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(username="riikka")
    assert (user.email, user.email_verified, identity_level(user=user)) == (
        "riikka@example.org",
        False,
        1,
    )
    link = verification_link()
    client.get(link)
    user.refresh_from_db()
    assert user.email_verified and identity_level(user=user) == 2
    again = client.get(link, follow=True).content.decode()
    assert "not valid" in again  # the link worked once


def test_tampered_link_does_nothing(client):
    client.post("/en/accounts/signup/", SIGNUP)
    client.get(verification_link()[:-3] + "abc/")
    assert not User.objects.get(username="riikka").email_verified


def test_honeypot_duplicate_address_and_rate_limit(client):
    assert client.post("/en/accounts/signup/", {**SIGNUP, "website": "x"}).status_code == 200
    assert not User.objects.exists()
    client.post("/en/accounts/signup/", SIGNUP)
    client.logout()
    response = client.post("/en/accounts/signup/", {**SIGNUP, "username": "other"})
    assert "exists already" in response.content.decode()
    for n in range(6):
        client.post(
            "/en/accounts/signup/",
            {**SIGNUP, "username": f"bot{n}", "email": f"bot{n}@example.org"},
        )
        client.logout()
    assert not User.objects.filter(username="bot5").exists()


def test_identity_levels_gate_campaign_actions(client, city):
    campaign = CampaignFactory(city=city, propose_level="strong")
    client.post("/en/accounts/signup/", SIGNUP)
    user = User.objects.get(username="riikka")
    assert not can_propose(user=user, campaign=campaign)
    assert "strong identification" in client.get(campaign.get_absolute_url()).content.decode()
    client.post("/en/accounts/identify/", {"confirm": "yes"})
    user.refresh_from_db()
    assert has_identity_level(user=user, level="strong")
    assert can_propose(user=user, campaign=campaign)


def test_mail_failure_at_sign_up_is_not_a_500_and_the_link_can_be_resent(client, monkeypatch):
    def broken(*args, **kwargs):
        raise smtplib.SMTPException("down")

    monkeypatch.setattr("cityimpact.accounts.services.send_mail", broken)
    response = client.post("/en/accounts/signup/", SIGNUP, follow=True)
    assert response.status_code == 200 and "could not send" in response.content.decode()
    monkeypatch.undo()
    client.post("/en/accounts/me/", {"resend": "1"})
    assert len(mail.outbox) == 1


def test_identity_test_backend_is_flagged_for_deployment(settings):
    assert [w.id for w in identity_backend_check(None)] == ["cityimpact.W001"]
    settings.IDENTITY_BACKEND = "example.SuomiFiBackend"
    assert identity_backend_check(None) == []


def test_the_api_schema_documents_basic_authentication():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert "basicAuth" in out.getvalue()
