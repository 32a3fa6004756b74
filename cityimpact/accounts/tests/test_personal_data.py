import pytest
from django.core.cache import cache

from cityimpact.accounts.models import User
from cityimpact.campaigns.models import Comment, Proposal, Support
from cityimpact.campaigns.services import comment_add, support_add
from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def active_resident(make_user, city):
    resident = make_user("resident")
    resident.email = "riikka@example.org"
    resident.save()
    proposal = ProposalFactory(
        campaign=CampaignFactory(city=city), author=resident, title="My idea"
    )
    other = ProposalFactory(campaign=proposal.campaign, title="Their idea")
    support_add(actor=resident, proposal=other)
    comment_add(actor=resident, proposal=other, text="I like it")
    return resident


def test_download_has_everything_about_me(client, active_resident):
    client.force_login(active_resident)
    data = client.get("/en/accounts/me/data.json").json()
    assert data["account"]["email"] == "riikka@example.org"
    assert [p["title"] for p in data["campaigns"]["proposals"]] == ["My idea"]
    assert data["campaigns"]["supports"] == ["Their idea"]
    assert data["campaigns"]["comments"][0]["text"] == "I like it"
    assert "contributions" in data["sdg"]


def test_erasing_keeps_public_content_and_counts_without_the_person(client, active_resident):
    client.force_login(active_resident)
    wrong = client.post("/en/accounts/me/", {"password": "nope"})
    assert "not correct" in wrong.content.decode()
    response = client.post("/en/accounts/me/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(username=active_resident.username).exists()
    mine = Proposal.objects.get(title="My idea")
    assert mine.author is None
    theirs = Proposal.objects.get(title="Their idea")
    assert theirs.support_count == Support.objects.filter(proposal=theirs).count() == 1
    assert Comment.objects.get().author is None
    assert "_auth_user_id" not in client.session
