"""Who may do what in SDG localisation and the review. Pages, API and services ask here.

- Everyone reads the framework, the city's local goals and indicators, links and the public
  (moderated) contributions.
- City staff of the city (and administrators) keep its local goals, indicators and values,
  run its reviews (phases, texts) and generate the report.
- City staff, SDG experts and administrators link local goals, indicators and initiatives to
  targets.
- Any signed-in person contributes while a review is collecting; residents' contributions
  wait for moderation by a moderator, the city's staff or an administrator.
- SDG experts evaluate contributions and links while a review is collecting or in expert
  evaluation, but not their own contributions.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from cityimpact.accounts.roles import Role, user_has_role, user_is_admin, user_is_staff_of
from cityimpact.sdg.models import Contribution, Review


def can_manage_city_sdg(*, user: Any, city_id: int | None) -> bool:
    return user_is_admin(user=user) or user_is_staff_of(user=user, city_id=city_id)


def can_link(*, user: Any, city_id: int | None) -> bool:
    return can_manage_city_sdg(user=user, city_id=city_id) or user_has_role(
        user=user, role=Role.SDG_EXPERT
    )


def can_contribute(*, user: Any, review: Review) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False)) and review.phase == Review.Phase.COLLECTING
    )


def can_moderate(*, user: Any, review: Review) -> bool:
    return user_has_role(user=user, role=Role.MODERATOR) or can_manage_city_sdg(
        user=user, city_id=review.city_id
    )


def can_evaluate(*, user: Any, review: Review) -> bool:
    return user_has_role(user=user, role=Role.SDG_EXPERT) and review.phase in {
        Review.Phase.COLLECTING,
        Review.Phase.EVALUATION,
    }


def can_see_contribution(*, user: Any, contribution: Contribution) -> bool:
    if contribution.status == Contribution.Status.APPROVED:
        return True
    review = contribution.review
    return (
        (getattr(user, "is_authenticated", False) and contribution.author_id == user.pk)
        or can_moderate(user=user, review=review)
        or user_has_role(user=user, role=Role.SDG_EXPERT)
    )


def ensure(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You do not have permission to do this."))


def can_review_suggestions(*, user: Any, city_id: int | None, source_type: str = "") -> bool:
    """Ask the classifier for suggestions on a city's texts, and accept or reject them: the
    people who may link to targets (the city's staff, SDG experts, administrators); for
    campaign proposals only those who run the city's campaigns (staff, administrators), since
    experts may neither see hidden proposals nor tag them."""
    if source_type == "proposal":
        return can_manage_city_sdg(user=user, city_id=city_id)
    return can_link(user=user, city_id=city_id)
