import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from cityimpact.accounts.models import Notification, User
from cityimpact.campaigns.services import answer_prepare, answers_publish, comment_add
from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def authored(make_user, city):
    author = make_user("resident")
    author.email = "author@example.org"
    author.save()
    return ProposalFactory(campaign=CampaignFactory(city=city), author=author)


def test_one_mail_per_event_by_default(
    make_user, staff, authored, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(actor=make_user("moderator"), proposal=authored, text="Nice")
        answer_prepare(
            actor=staff,
            proposal=authored,
            state="accepted",
            answer="Good idea, we take it forward.",
        )
        answers_publish(actor=staff, campaign=authored.campaign)
    subjects = [m.body for m in mail.outbox]
    assert len(subjects) == 2
    assert "comment" in subjects[0] and "answered" in subjects[1]


def test_digest_gathers_notifications_into_one_mail(
    make_user, authored, client, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=authored.author_id).update(notifications="daily")
    authored.author.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("One", "Two"):
            comment_add(actor=make_user("moderator"), proposal=authored, text=text)
    assert mail.outbox == []
    call_command("send_digests", frequency="daily", stdout=io.StringIO())
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("A new comment") == 2
    assert not Notification.objects.filter(sent_at=None).exists()


def test_person_chooses_the_frequency(client, authored):
    client.force_login(authored.author)
    client.post("/en/accounts/me/", {"notifications": "weekly"})
    authored.author.refresh_from_db()
    assert authored.author.notifications == "weekly"
