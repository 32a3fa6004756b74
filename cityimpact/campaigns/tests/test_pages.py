import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from cityimpact.campaigns.demo import campaigns_demo_load
from cityimpact.campaigns.models import Campaign, Comment, Proposal
from cityimpact.campaigns.services import attachment_add
from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory
from cityimpact.core.tests.factories import CityFactory

pytestmark = pytest.mark.django_db
PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)"]


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign(city):
    return CampaignFactory(city=city, slug="digital-agenda")


def test_list_and_detail_pages(client, campaign):
    ProposalFactory(campaign=campaign, title="Library chatbot")
    assert "Digital Agenda pilots" in client.get("/en/campaigns/").content.decode()
    assert "Library chatbot" in client.get(campaign.get_absolute_url()).content.decode()


def test_draft_campaigns_and_hidden_proposals_are_not_reachable(client, make_user, campaign):
    hidden = ProposalFactory(campaign=campaign, title="Secret", hidden=True)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Secret" not in client.get(campaign.get_absolute_url()).content.decode()
    Campaign.objects.filter(pk=campaign.pk).update(phase="draft")
    assert client.get(campaign.get_absolute_url()).status_code == 404
    client.force_login(make_user("moderator"))
    assert client.get(hidden.get_absolute_url()).status_code == 404  # the campaign is a draft
    Campaign.objects.filter(pk=campaign.pk).update(phase="collecting")
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_resident_proposes_and_payloads_are_escaped(client, make_user, campaign):
    client.force_login(make_user("resident"))
    data = {
        "title": PAYLOADS[0],
        "description": PAYLOADS[1],
        "problem": PAYLOADS[2],
        "beneficiaries": "All",
    }
    response = client.post("/en/campaigns/espoo/digital-agenda/propose/", data)
    assert response.status_code == 302
    content = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in content and "&lt;script&gt;" in content
    assert "<img src=x" not in content


def test_honeypot_refuses_bots(client, make_user, campaign):
    client.force_login(make_user("resident"))
    data = {
        "title": "Bot idea",
        "description": "d",
        "problem": "p",
        "beneficiaries": "b",
        "website": "http://spam",
    }
    response = client.post("/en/campaigns/espoo/digital-agenda/propose/", data)
    assert response.status_code == 200
    assert not Proposal.objects.exists()


def test_similar_titles_are_suggested(client, campaign):
    ProposalFactory(campaign=campaign, title="Chatbot for the city library")
    response = client.get(
        "/en/campaigns/espoo/digital-agenda/similar/", {"title": "Chatbot for city library"}
    )
    assert "Chatbot for the city library" in response.content.decode()


def test_support_comment_and_reply_through_pages(client, make_user, campaign):
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(make_user("resident"))
    client.post(f"/en/campaigns/proposals/{proposal.pk}/support/")
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    client.post(f"/en/campaigns/proposals/{proposal.pk}/comment/", {"text": "Great idea"})
    parent = Comment.objects.get()
    client.post(
        f"/en/campaigns/proposals/{proposal.pk}/comment/", {"text": "Agreed", "parent": parent.pk}
    )
    assert Comment.objects.get(text="Agreed").parent == parent
    content = client.get(proposal.get_absolute_url()).content.decode()
    assert "Great idea" in content and "Agreed" in content


def test_hidden_comment_is_not_shown_to_the_public(client, make_user, campaign):
    proposal = ProposalFactory(campaign=campaign)
    Comment.objects.create(proposal=proposal, text="Spam spam", hidden=True)
    assert "Spam spam" not in client.get(proposal.get_absolute_url()).content.decode()
    client.force_login(make_user("moderator"))
    assert "Spam spam" in client.get(proposal.get_absolute_url()).content.decode()


def test_answer_shows_only_once_published(client, staff, campaign):
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(staff)
    client.post(
        f"/en/campaigns/proposals/{proposal.pk}/answer/",
        {"state": "selected", "answer": "We will pilot it."},
    )
    client.logout()
    assert "We will pilot it." not in client.get(proposal.get_absolute_url()).content.decode()
    client.force_login(staff)
    client.post("/en/campaigns/espoo/digital-agenda/answers/publish/")
    client.logout()
    assert "We will pilot it." in client.get(proposal.get_absolute_url()).content.decode()


def test_demo_campaigns_load_once(db):
    city = CityFactory(slug="espoo")
    created = campaigns_demo_load(city=city)
    assert (created["proposal"], created["experiment"]) == (5, 1)
    assert not campaigns_demo_load(city=city)
    assert all(p.is_example for p in Proposal.objects.all())
    chatbot = Proposal.objects.get(title__startswith="Chatbot")
    assert chatbot.support_count == chatbot.supports.count() == 4


def test_open_data_has_no_personal_data_or_hidden_content(client, make_user, campaign):
    resident = make_user("resident")
    visible = ProposalFactory(
        campaign=campaign, title="Public idea", answer="Draft answer", author=resident
    )
    ProposalFactory(campaign=campaign, title="Hidden idea", hidden=True)
    Comment.objects.create(proposal=visible, author=resident, text="Nice")
    data = client.get("/en/campaigns/espoo/digital-agenda/open-data.json").json()
    assert [p["title"] for p in data["proposals"]] == ["Public idea"]
    text = str(data)
    assert resident.username not in text and "Draft answer" not in text
    csv_text = client.get("/en/campaigns/espoo/digital-agenda/open-data.csv").content.decode()
    assert (
        "Public idea" in csv_text
        and "Hidden idea" not in csv_text
        and resident.username not in csv_text
    )


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_attachments_are_checked_and_served_only_with_their_proposal(
    client, make_user, campaign, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_user("resident"))
    idea = {"title": "Bike racks", "description": "d", "problem": "p", "beneficiaries": "b"}
    fake = SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png")
    client.post("/en/campaigns/espoo/digital-agenda/propose/", {**idea, "attachment": fake})
    proposal = Proposal.objects.get()
    assert not proposal.attachments.exists()  # not really a PNG
    item = attachment_add(
        actor=proposal.author, proposal=proposal, upload=SimpleUploadedFile("map.png", PNG)
    )
    url = f"/en/campaigns/proposals/{proposal.pk}/attachments/{item.pk}/"
    response = client.get(url)
    assert (
        response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    )
    Proposal.objects.filter(pk=proposal.pk).update(hidden=True)
    client.logout()
    assert client.get(url).status_code == 404
