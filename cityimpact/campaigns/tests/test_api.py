import datetime as dt

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from cityimpact.campaigns.models import Campaign, Comment, Experiment, Proposal
from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "resident", "moderator", "city_staff", "sdg_expert", "admin"]


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def campaign(city):
    return CampaignFactory(city=city)


@pytest.mark.parametrize("role", ROLES)
def test_propose_support_and_comment_by_role(make_user, campaign, role):
    user = make_user(role)
    client = api(user)
    idea = {
        "campaign": campaign.pk,
        "title": "Chatbot",
        "description": "d",
        "problem": "p",
        "beneficiaries": "all",
    }
    response = client.post("/api/v1/campaigns/proposals/", idea, format="json")
    if role == "anonymous":
        assert response.status_code in (401, 403)
        assert not Proposal.objects.exists()
        return
    assert response.status_code == 201, response.json()
    other = ProposalFactory(campaign=campaign)
    assert client.post(f"/api/v1/campaigns/proposals/{other.pk}/support/").json() == {
        "support_count": 1
    }
    assert (
        client.post(
            "/api/v1/campaigns/comments/", {"proposal": other.pk, "text": "Nice"}, format="json"
        ).status_code
        == 201
    )


def test_hidden_and_draft_content_is_not_in_the_api(make_user, campaign, city):
    hidden = ProposalFactory(campaign=campaign, hidden=True)
    visible = ProposalFactory(campaign=campaign)
    Comment.objects.create(proposal=visible, text="hidden comment", hidden=True)
    draft = CampaignFactory(city=city, phase=Campaign.Phase.DRAFT)
    ProposalFactory(campaign=draft)
    anonymous = api()
    ids = [p["id"] for p in anonymous.get("/api/v1/campaigns/proposals/").json()["results"]]
    assert ids == [visible.pk]
    assert anonymous.get(f"/api/v1/campaigns/proposals/{hidden.pk}/").status_code == 404
    assert [c["id"] for c in anonymous.get("/api/v1/campaigns/campaigns/").json()["results"]] == [
        campaign.pk
    ]
    assert anonymous.get("/api/v1/campaigns/comments/").json()["count"] == 0
    moderator = api(make_user("moderator"))
    assert moderator.get("/api/v1/campaigns/comments/").json()["count"] == 1
    resident = api(make_user("resident"))
    response = resident.post(
        "/api/v1/campaigns/comments/", {"proposal": hidden.pk, "text": "x"}, format="json"
    )
    assert response.status_code == 400


def test_unpublished_answers_stay_private(staff, campaign):
    proposal = ProposalFactory(campaign=campaign, answer="Draft answer", answer_published=False)
    assert api().get(f"/api/v1/campaigns/proposals/{proposal.pk}/").json()["answer"] == ""


def test_no_one_sees_who_supported_what(make_user, campaign):
    proposal = ProposalFactory(campaign=campaign)
    api(make_user("resident")).post(f"/api/v1/campaigns/proposals/{proposal.pk}/support/")
    body = api(make_user("admin")).get(f"/api/v1/campaigns/proposals/{proposal.pk}/").json()
    assert body["support_count"] == 1
    assert "supports" not in body and "resident-espoo" not in str(body)


def test_campaign_api_in_schema(client):
    schema = client.get("/api/v1/schema/").content.decode()
    for path in (
        "/api/v1/campaigns/campaigns/",
        "/api/v1/campaigns/proposals/",
        "/api/v1/campaigns/comments/",
    ):
        assert path in schema


def test_experiments_in_the_api_show_results_only_when_published(staff, campaign):
    proposal = ProposalFactory(campaign=campaign, state="selected")
    Experiment.objects.create(
        proposal=proposal,
        responsible_unit="Libraries",
        starts=dt.date(2026, 1, 1),
        ends=dt.date(2026, 6, 1),
        learned="Secret draft",
        results_published=False,
    )
    body = api().get("/api/v1/campaigns/experiments/").json()
    assert body["count"] == 1 and body["results"][0]["learned"] == ""
    Proposal.objects.filter(pk=proposal.pk).update(hidden=True)
    assert api().get("/api/v1/campaigns/experiments/").json()["count"] == 0


def test_answers_do_not_tell_whether_a_draft_campaign_or_proposal_exists(city, make_user):
    draft = CampaignFactory(city=city, phase=Campaign.Phase.DRAFT)
    hidden = ProposalFactory(campaign=draft)
    missing = 10**6
    client = api(make_user("resident"))
    idea = {"title": "Benches", "description": "More benches by the shore.", "problem": "x"}

    def post(path, **data):
        response = client.post(path, data, format="json")
        return response.status_code, response.json()

    assert post("/api/v1/campaigns/proposals/", campaign=draft.pk, **idea) == post(
        "/api/v1/campaigns/proposals/", campaign=missing, **idea
    )
    assert post("/api/v1/campaigns/comments/", proposal=hidden.pk, text="Hi") == post(
        "/api/v1/campaigns/comments/", proposal=missing, text="Hi"
    )
    for path, key, known in [
        ("/api/v1/campaigns/proposals/", "campaign", draft.pk),
        ("/api/v1/campaigns/comments/", "proposal", hidden.pk),
    ]:
        seen = client.get(path, {key: known})
        unseen = client.get(path, {key: missing})
        assert seen.status_code == unseen.status_code == 200
        assert seen.json()["results"] == unseen.json()["results"] == []
