import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from cityimpact.accounts.services import user_block
from cityimpact.campaigns.models import Campaign, Proposal, Support
from cityimpact.campaigns.services import (
    answer_prepare,
    answers_publish,
    comment_add,
    moderation_set,
    proposal_create,
    proposal_update,
    proposal_withdraw,
    report_add,
    support_add,
    support_remove,
)
from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory
from cityimpact.core.models import AuditLogEntry
from cityimpact.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
IDEA = {"title": "Chatbot for library", "description": "d", "problem": "p", "beneficiaries": "all"}


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign(city):
    return CampaignFactory(city=city)


@pytest.mark.parametrize("role", ["resident", "moderator", "city_staff", "sdg_expert", "admin"])
def test_signed_in_people_propose_while_collecting(make_user, campaign, role):
    proposal = proposal_create(actor=make_user(role), campaign=campaign, data=IDEA)
    assert proposal.state == Proposal.State.PUBLISHED


@pytest.mark.parametrize("phase", ["draft", "evaluation", "closed"])
def test_no_proposals_outside_collecting(make_user, campaign, phase):
    campaign.phase = phase
    with pytest.raises(PermissionDenied):
        proposal_create(actor=make_user("resident"), campaign=campaign, data=IDEA)


def test_anonymous_cannot_propose(campaign):
    with pytest.raises(PermissionDenied):
        proposal_create(actor=AnonymousUser(), campaign=campaign, data=IDEA)


def test_posting_is_throttled(make_user, campaign):
    resident = make_user("resident")
    for _ in range(5):
        proposal_create(actor=resident, campaign=campaign, data=IDEA)
    with pytest.raises(PermissionDenied):
        proposal_create(actor=resident, campaign=campaign, data=IDEA)


def test_one_support_per_person_and_a_limit_per_campaign(make_user, campaign):
    resident = make_user("resident")
    first, second, third = ProposalFactory.create_batch(3, campaign=campaign)
    assert support_add(actor=resident, proposal=first) == 1
    with pytest.raises(ValidationError):
        support_add(actor=resident, proposal=first)
    support_add(actor=resident, proposal=second)
    with pytest.raises(ValidationError):
        support_add(actor=resident, proposal=third)  # the campaign allows 2
    support_remove(actor=resident, proposal=second)
    support_add(actor=resident, proposal=third)
    second.refresh_from_db()
    assert second.support_count == Support.objects.filter(proposal=second).count() == 0


def test_no_supports_outside_their_phase(make_user, campaign):
    proposal = ProposalFactory(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(phase="selection")
    proposal.refresh_from_db()
    with pytest.raises(PermissionDenied):
        support_add(actor=make_user("resident"), proposal=proposal)


def test_only_the_author_edits_and_withdraws(make_user, campaign):
    author = UserFactory()
    proposal = ProposalFactory(campaign=campaign, author=author)
    stranger = make_user("resident")
    with pytest.raises(PermissionDenied):
        proposal_update(actor=stranger, proposal=proposal, data={"title": "Mine now"})
    with pytest.raises(PermissionDenied):
        proposal_withdraw(actor=stranger, proposal=proposal, reason="x")
    proposal_update(actor=author, proposal=proposal, data={"title": "Better title"})
    with pytest.raises(ValidationError):
        proposal_withdraw(actor=author, proposal=proposal, reason=" ")
    proposal_withdraw(actor=author, proposal=proposal, reason="Done elsewhere")
    assert proposal.state == Proposal.State.WITHDRAWN


def test_moderator_edit_needs_a_reason_and_is_audited(make_user, campaign):
    proposal = ProposalFactory(campaign=campaign)
    moderator = make_user("moderator")
    with pytest.raises(ValidationError):
        proposal_update(actor=moderator, proposal=proposal, data={"title": "Cleaned"})
    proposal_update(
        actor=moderator,
        proposal=proposal,
        data={"title": "Cleaned"},
        reason="Personal data removed",
    )
    assert AuditLogEntry.objects.get().changes["reason"] == [None, "Personal data removed"]


def test_reports_hide_content_at_the_threshold_and_moderators_restore(make_user, campaign):
    proposal = ProposalFactory(campaign=campaign)
    comment = comment_add(actor=make_user("resident"), proposal=proposal, text="Rude words")
    assert report_add(actor=make_user("sdg_expert"), comment=comment) is False
    assert report_add(actor=make_user("city_staff"), comment=comment) is True  # threshold 2
    comment.refresh_from_db()
    assert comment.hidden
    with pytest.raises(PermissionDenied):
        moderation_set(actor=make_user("resident"), hidden=False, reason="ok", comment=comment)
    moderation_set(
        actor=make_user("moderator"), hidden=False, reason="Within the rules", comment=comment
    )
    comment.refresh_from_db()
    assert not comment.hidden
    assert AuditLogEntry.objects.filter(object_type="campaigns.comment").exists()


def test_replies_only_to_comments_of_the_same_proposal(make_user, campaign):
    resident = make_user("resident")
    elsewhere = comment_add(actor=resident, proposal=ProposalFactory(campaign=campaign), text="x")
    with pytest.raises(ValidationError):
        comment_add(
            actor=resident, proposal=ProposalFactory(campaign=campaign), text="y", parent=elsewhere
        )


def test_answers_are_prepared_then_published_together(staff, make_user, campaign):
    proposals = ProposalFactory.create_batch(2, campaign=campaign)
    with pytest.raises(ValidationError):
        answer_prepare(actor=staff, proposal=proposals[0], state="rejected", answer="")
    answer_prepare(
        actor=staff, proposal=proposals[0], state="rejected", answer="Already done by HSL."
    )
    answer_prepare(actor=staff, proposal=proposals[1], state="selected", answer="We will try it.")
    with pytest.raises(PermissionDenied):
        answers_publish(actor=make_user("moderator"), campaign=campaign)
    assert answers_publish(actor=staff, campaign=campaign) == 2
    assert all(p.answer_published for p in Proposal.objects.all())


def test_staff_of_another_city_cannot_answer(other_staff, campaign):
    with pytest.raises(PermissionDenied):
        answer_prepare(
            actor=other_staff,
            proposal=ProposalFactory(campaign=campaign),
            state="accepted",
            answer="x",
        )


def test_moderators_block_residents_who_then_cannot_post(make_user, campaign):
    resident = make_user("resident")
    with pytest.raises(PermissionDenied):
        user_block(actor=make_user("city_staff"), user=resident, reason="spam")
    with pytest.raises(PermissionDenied):
        user_block(actor=make_user("moderator"), user=make_user("sdg_expert"), reason="x")
    user_block(actor=make_user("moderator"), user=resident, reason="Repeated spam")
    resident.refresh_from_db()
    assert not resident.is_active
    with pytest.raises(PermissionDenied):
        proposal_create(actor=resident, campaign=campaign, data=IDEA)
    assert AuditLogEntry.objects.filter(object_type="accounts.user").exists()
