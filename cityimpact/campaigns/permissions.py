"""Who may do what in open campaigns. Pages, the API and the services all ask here, and every
check is on the object (the campaign and proposal at hand), never only on a list.

- Anyone reads published campaigns and their visible proposals and comments.
- Signed-in people propose while a campaign collects proposals, support during collecting
  and evaluation, and comment until the campaign closes.
- Only a proposal's author edits or withdraws it (moderators may edit, with a reason).
- Moderators, the city's staff and administrators moderate; the city's staff and
  administrators run the campaign (phases, answers).
"""

from __future__ import annotations

from typing import Any

from cityimpact.accounts.identity import has_identity_level
from cityimpact.accounts.roles import Role, user_has_role, user_is_admin, user_is_staff_of
from cityimpact.campaigns.models import Campaign, Comment, Proposal

SUPPORT_PHASES = {Campaign.Phase.COLLECTING, Campaign.Phase.EVALUATION}
COMMENT_CLOSED = {Campaign.Phase.DRAFT, Campaign.Phase.CLOSED}


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(
        getattr(user, "is_active", False)
    )


def can_manage_campaign(*, user: Any, campaign: Campaign) -> bool:
    return user_is_admin(user=user) or user_is_staff_of(user=user, city_id=campaign.city_id)


def can_moderate(*, user: Any, campaign: Campaign) -> bool:
    return user_has_role(user=user, role=Role.MODERATOR) or can_manage_campaign(
        user=user, campaign=campaign
    )


def can_see_campaign(*, user: Any, campaign: Campaign) -> bool:
    return campaign.phase != Campaign.Phase.DRAFT or can_manage_campaign(
        user=user, campaign=campaign
    )


def can_see_proposal(*, user: Any, proposal: Proposal) -> bool:
    campaign = proposal.campaign
    if not can_see_campaign(user=user, campaign=campaign):
        return False
    if not proposal.hidden:
        return True
    return (_signed_in(user) and proposal.author_id == user.pk) or can_moderate(
        user=user, campaign=campaign
    )


def can_see_comment(*, user: Any, comment: Comment) -> bool:
    if not can_see_proposal(user=user, proposal=comment.proposal):
        return False
    return not comment.hidden or can_moderate(user=user, campaign=comment.proposal.campaign)


def can_propose(*, user: Any, campaign: Campaign) -> bool:
    return (
        _signed_in(user)
        and campaign.phase == Campaign.Phase.COLLECTING
        and has_identity_level(user=user, level=campaign.propose_level)
    )


def can_support(*, user: Any, proposal: Proposal) -> bool:
    return (
        _signed_in(user)
        and has_identity_level(user=user, level=proposal.campaign.support_level)
        and proposal.campaign.phase in SUPPORT_PHASES
        and not proposal.hidden
        and proposal.state != Proposal.State.WITHDRAWN
    )


def can_comment(*, user: Any, proposal: Proposal) -> bool:
    return (
        _signed_in(user)
        and has_identity_level(user=user, level=proposal.campaign.comment_level)
        and proposal.campaign.phase not in COMMENT_CLOSED
        and can_see_proposal(user=user, proposal=proposal)
    )


def can_edit_proposal(*, user: Any, proposal: Proposal) -> bool:
    own = (
        _signed_in(user)
        and proposal.author_id == user.pk
        and proposal.state == Proposal.State.PUBLISHED
    )
    return own or can_moderate(user=user, campaign=proposal.campaign)


def can_withdraw(*, user: Any, proposal: Proposal) -> bool:
    return (
        _signed_in(user)
        and proposal.author_id == user.pk
        and proposal.state not in {Proposal.State.WITHDRAWN, Proposal.State.SELECTED}
    )


def identity_needed(*, user: Any, campaign: Campaign) -> str:
    """The identity level a signed-in person still lacks to propose, or "" if none."""
    if _signed_in(user) and not has_identity_level(user=user, level=campaign.propose_level):
        return campaign.propose_level
    return ""
