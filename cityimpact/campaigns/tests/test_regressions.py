"""Defects found in review of the campaigns and accounts code, each pinned by a test."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityimpact.accounts.models import Notification, User
from cityimpact.accounts.notifications import notify
from cityimpact.campaigns.models import Comment, Criterion, Proposal
from cityimpact.campaigns.services import (
    answer_prepare,
    comment_add,
    proposal_withdraw,
    report_add,
    support_add,
    support_remove,
)
from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory
from cityimpact.portfolio.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign(city):
    return CampaignFactory(city=city, slug="digital-agenda")


# ---- 500s on bad input -------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["abc", "\u00b2"])
@pytest.mark.parametrize("endpoint", ["report", "moderate", "block"])
def test_non_numeric_comment_id_is_not_a_500(client, make_user, campaign, endpoint, bad_id):
    proposal = ProposalFactory(campaign=campaign)
    client.raise_request_exception = False
    client.force_login(make_user("moderator"))
    response = client.post(
        f"/en/campaigns/proposals/{proposal.pk}/{endpoint}/", {"comment": bad_id, "reason": "x"}
    )
    assert response.status_code in (302, 400, 404), response.status_code


def test_superscript_digit_score_is_not_a_500(client, staff, campaign):
    proposal = ProposalFactory(campaign=campaign)
    criterion = Criterion.objects.create(campaign=campaign, name="Impact")
    client.raise_request_exception = False
    client.force_login(staff)
    response = client.post(
        f"/en/campaigns/proposals/{proposal.pk}/score/", {f"score_{criterion.pk}": "\u00b2"}
    )
    assert response.status_code == 302, response.status_code


def test_long_moderation_and_withdraw_reasons_are_refused_not_stored(client, make_user, campaign):
    """On PostgreSQL these overflow varchar(300)/varchar(500): DataError, a 500."""
    proposal = ProposalFactory(campaign=campaign)
    client.raise_request_exception = False
    client.force_login(make_user("moderator"))
    response = client.post(
        f"/en/campaigns/proposals/{proposal.pk}/moderate/", {"hidden": "1", "reason": "r" * 450}
    )
    assert response.status_code == 302, response.status_code
    proposal.refresh_from_db()
    assert len(proposal.hidden_reason) <= 300, len(proposal.hidden_reason)


def test_long_withdraw_reason(client, make_user, campaign):
    author = make_user("resident")
    proposal = ProposalFactory(campaign=campaign, author=author)
    client.raise_request_exception = False
    client.force_login(author)
    response = client.post(
        f"/en/campaigns/proposals/{proposal.pk}/withdraw/", {"reason": "r" * 900}
    )
    assert response.status_code == 302, response.status_code
    proposal.refresh_from_db()
    assert len(proposal.withdrawn_reason) <= 500, len(proposal.withdrawn_reason)


# ---- visibility --------------------------------------------------------------------------


def test_prepared_decision_is_not_public_before_answers_are_published(client, staff, campaign):
    proposal = ProposalFactory(campaign=campaign, title="Library robot")
    answer_prepare(actor=staff, proposal=proposal, state="rejected", answer="Too costly.")
    page = client.get(proposal.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/campaigns/proposals/{proposal.pk}/").json()
    data = client.get("/en/campaigns/espoo/digital-agenda/open-data.json").json()
    assert "Not taken forward" not in page
    assert api["state"] != "rejected"
    assert data["proposals"][0]["state"] != "rejected"


def test_experiment_cannot_be_attached_to_another_citys_initiative(
    client, staff, city, other_city, campaign
):
    foreign = InitiativeFactory(city=other_city, title_en="Vantaa flagship")
    proposal = ProposalFactory(campaign=campaign, state=Proposal.State.SELECTED)
    client.force_login(staff)  # Espoo staff
    client.post(
        f"/en/campaigns/proposals/{proposal.pk}/experiment/",
        {
            "responsible_unit": "Libraries",
            "starts": "2026-01-01",
            "ends": "2026-06-30",
            "initiative": foreign.pk,
        },
    )
    proposal.refresh_from_db()
    experiment = getattr(proposal, "experiment", None)
    assert experiment is None or experiment.initiative_id != foreign.pk
    client.logout()
    assert (
        "Experiments from open campaigns"
        not in client.get(foreign.get_absolute_url()).content.decode()
    )


# ---- supports ----------------------------------------------------------------------------


def test_withdrawn_proposal_does_not_use_up_a_supporters_slot(make_user, campaign):
    """supports_per_person=2 in the factory."""
    resident = make_user("resident")
    first, second, third = (ProposalFactory(campaign=campaign) for _ in range(3))
    support_add(actor=resident, proposal=first)
    support_add(actor=resident, proposal=second)
    proposal_withdraw(actor=first.author, proposal=first, reason="changed my mind")
    first.refresh_from_db()
    with pytest.raises(PermissionDenied):  # a withdrawn proposal's support stays
        support_remove(actor=resident, proposal=first)
    support_add(actor=resident, proposal=third)  # ValidationError: all 2 supports used


# ---- accounts ----------------------------------------------------------------------------


def test_identify_next_is_not_an_open_redirect(client, make_user):
    client.force_login(make_user("resident"))
    response = client.post(
        "/en/accounts/identify/", {"confirm": "yes", "next": "https://evil.example/phish"}
    )
    assert not response["Location"].startswith("https://evil.example")


def test_admin_login_is_under_the_sign_in_limit(client, admin_user):
    for _ in range(6):
        client.post("/en/admin/login/", {"username": admin_user.username, "password": "wrong"})
    response = client.post(
        "/en/admin/login/?next=/en/admin/",
        {"username": admin_user.username, "password": PASSWORD},
    )
    # The 7th guess is the right one: the limit (5) should refuse it, as on /accounts/login/.
    assert response.status_code != 302


def test_notifications_are_in_the_personal_data_download(client, make_user):
    resident = make_user("resident")
    notify(user=resident, text="The city answered your proposal “Secret idea”.", url="/x/")
    assert Notification.objects.filter(user=resident).exists()
    client.force_login(resident)
    assert "Secret idea" in client.get("/en/accounts/me/data.json").content.decode()


def test_verification_token_hash_is_unambiguous(city):
    """pk+email are concatenated with no separator: user 1 with 2a@x.fi and user 12 with
    a@x.fi hash alike, so a link sent to the first verifies the second."""
    from cityimpact.accounts.identity import email_verification_tokens

    one = User(pk=1, email="2a@x.fi", email_verified=False)
    twelve = User(pk=12, email="a@x.fi", email_verified=False)
    token = email_verification_tokens.make_token(one)
    assert not email_verification_tokens.check_token(twelve, token)


@pytest.mark.django_db(transaction=True)
def test_mail_outage_does_not_turn_a_saved_comment_into_a_500(
    client, make_user, campaign, monkeypatch
):
    author = make_user("resident")
    author.email = "author@example.org"
    author.save()
    proposal = ProposalFactory(campaign=campaign, author=author)

    def smtp_down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("cityimpact.accounts.notifications.send_mail", smtp_down)
    client.raise_request_exception = False
    client.force_login(make_user("moderator"))
    response = client.post(f"/en/campaigns/proposals/{proposal.pk}/comment/", {"text": "Nice"})
    assert Comment.objects.filter(proposal=proposal).count() == 1  # saved...
    assert response.status_code == 302, response.status_code  # ...yet the person sees a 500


def test_open_data_csv_neutralises_formulas(client, campaign):
    ProposalFactory(campaign=campaign, title='=HYPERLINK("https://evil.example","Click")')
    body = client.get("/en/campaigns/espoo/digital-agenda/open-data.csv").content.decode()
    assert ",=HYPERLINK" not in body and ',"=HYPERLINK' not in body


# ---- concurrent reports --------------------------------------------------------------------


@pytest.mark.skipif(
    not connection.features.has_select_for_update, reason="the database has no row locks"
)
@pytest.mark.parametrize("target", ["proposal", "comment"])
def test_a_report_locks_the_reported_row_before_counting(make_user, campaign, target):
    # Without the lock, two concurrent reports can each count below the threshold and the
    # content is never hidden.
    proposal = ProposalFactory(campaign=campaign)
    comment = Comment.objects.create(proposal=proposal, author=make_user("resident"), text="x")
    subject = {"proposal": proposal, "comment": comment}[target]
    with CaptureQueriesContext(connection) as queries:
        report_add(actor=make_user("sdg_expert"), **{target: subject})
    table = subject._meta.db_table
    assert any(table in q["sql"] and "FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_a_reply_to_a_reply_joins_the_thread_and_is_shown(client, make_user, campaign):
    proposal = ProposalFactory(campaign=campaign)
    resident = make_user("resident")
    root = comment_add(actor=resident, proposal=proposal, text="Where exactly?")
    reply = comment_add(actor=resident, proposal=proposal, text="By the library", parent=root)
    deeper = comment_add(actor=resident, proposal=proposal, text="Deep answer", parent=reply)
    assert deeper.parent_id == root.pk
    page = client.get(f"/en/campaigns/proposals/{proposal.pk}/").content.decode()
    assert "Deep answer" in page
