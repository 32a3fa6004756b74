"""Object-level checks that must keep holding: IDOR and visibility paths of campaigns."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from cityimpact.campaigns.models import Comment, Proposal
from cityimpact.campaigns.services import attachment_add
from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 50


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_idor_paths_hold(client, make_user, city, other_city, other_staff):
    resident = make_user("resident")
    campaign = CampaignFactory(city=city, slug="a")
    p1 = ProposalFactory(campaign=campaign, author=resident)
    p2 = ProposalFactory(campaign=campaign)
    hidden = ProposalFactory(campaign=campaign, hidden=True)
    c_other = Comment.objects.create(proposal=p2, text="on p2")
    c_hidden = Comment.objects.create(proposal=p1, text="hidden", hidden=True)
    api = APIClient()
    api.force_authenticate(resident)
    assert (
        api.post(
            "/api/v1/campaigns/comments/", {"proposal": p1.pk, "parent": c_other.pk, "text": "x"}
        ).status_code
        == 400
    )
    assert (
        api.post(
            "/api/v1/campaigns/comments/", {"proposal": p1.pk, "parent": c_hidden.pk, "text": "x"}
        ).status_code
        == 400
    )
    assert (
        api.post("/api/v1/campaigns/comments/", {"proposal": hidden.pk, "text": "x"}).status_code
        == 400
    )
    assert api.post(f"/api/v1/campaigns/proposals/{hidden.pk}/support/").status_code == 404
    assert c_hidden.pk not in [
        c["id"] for c in api.get("/api/v1/campaigns/comments/").json()["results"]
    ]
    a = attachment_add(actor=resident, proposal=p1, upload=SimpleUploadedFile("x.png", PNG))
    assert client.get(f"/en/campaigns/proposals/{p2.pk}/attachments/{a.pk}/").status_code == 404
    # staff of another city cannot moderate
    client.force_login(other_staff)
    client.post(f"/en/campaigns/proposals/{p1.pk}/moderate/", {"hidden": "1", "reason": "x"})
    p1.refresh_from_db()
    assert not p1.hidden
    # draft campaign: nothing through API or exports
    draft = CampaignFactory(city=city, slug="d", phase="draft")
    secret = ProposalFactory(campaign=draft, title="Draftsecret")
    Comment.objects.create(proposal=secret, text="draftcomment")
    anon = APIClient()
    assert "Draftsecret" not in anon.get("/api/v1/campaigns/proposals/").content.decode()
    assert "draftcomment" not in anon.get("/api/v1/campaigns/comments/").content.decode()
    assert anon.get(f"/api/v1/campaigns/proposals/{secret.pk}/").status_code == 404
    client.logout()
    assert client.get("/en/campaigns/espoo/d/open-data.json").status_code == 404


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=600)
def test_campaign_pages_are_not_cached(client, make_user, city):
    campaign = CampaignFactory(city=city, slug="a")
    p = ProposalFactory(campaign=campaign, title="Before")
    assert "Before" in client.get(p.get_absolute_url()).content.decode()
    Proposal.objects.filter(pk=p.pk).update(title="After")  # no version bump on purpose
    assert "After" in client.get(p.get_absolute_url()).content.decode()
    assert "After" in client.get(campaign.get_absolute_url()).content.decode()
