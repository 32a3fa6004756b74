"""Running a voluntary local review: phases, contributions, moderation, expert evaluation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cityimpact.accounts.roles import Role, user_has_role
from cityimpact.core.models import AuditLogEntry
from cityimpact.core.services import audit_record, content_version_bump
from cityimpact.sdg.models import (
    Contribution,
    Evaluation,
    Goal,
    Review,
    ReviewParticipant,
    SdgLink,
    Target,
)
from cityimpact.sdg.permissions import (
    can_contribute,
    can_evaluate,
    can_link,
    can_manage_city_sdg,
    can_moderate,
    ensure,
)

PHASE_ORDER = list(Review.Phase.values)
SELF_DECLARED = {
    ReviewParticipant.Group.RESIDENT,
    ReviewParticipant.Group.YOUTH,
    ReviewParticipant.Group.PARTNER,
}


def participant_group_of(*, user: Any, review: Review) -> str:
    """How a person takes part: as the city's staff (or an administrator), an SDG expert, or
    a resident."""
    if can_manage_city_sdg(user=user, city_id=review.city_id):
        return ReviewParticipant.Group.STAFF
    if user_has_role(user=user, role=Role.SDG_EXPERT):
        return ReviewParticipant.Group.EXPERT
    return ReviewParticipant.Group.RESIDENT


def _participant_ensure(*, user: Any, review: Review, group: str) -> None:
    ReviewParticipant.objects.get_or_create(review=review, user=user, defaults={"group": group})


@transaction.atomic
def review_phase_set(*, actor: Any, review: Review, phase: str) -> Review:
    """Move a review to another phase (forwards or back, e.g. to reopen collecting)."""
    ensure(can_manage_city_sdg(user=actor, city_id=review.city_id))
    if phase not in PHASE_ORDER:
        raise ValidationError({"phase": _("Unknown phase.")})
    before = review.phase
    review.phase = phase
    review.save(update_fields=["phase"])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=review,
        city=review.city,
        changes={"phase": [before, phase]},
    )
    return review


def _evidence_errors(evidence: Sequence[str]) -> list[str]:
    validate = URLValidator(schemes=["http", "https"])
    bad = []
    for url in evidence:
        try:
            validate(url)
        except ValidationError:
            bad.append(url)
    return bad


@transaction.atomic
def contribution_submit(
    *,
    actor: Any,
    review: Review,
    title: str,
    text: str,
    date: dt.date,
    kind: str = Contribution.Kind.PROJECT,
    goal_numbers: Iterable[int] = (),
    target_codes: Iterable[str] = (),
    evidence: Sequence[str] = (),
    declared_group: str | None = None,
) -> Contribution:
    """Report a project or insight to a review. Staff and experts' contributions are public
    at once; residents' and partners' wait for moderation. Bad input is refused whole."""
    ensure(
        can_contribute(user=actor, review=review), _("This review is not collecting contributions.")
    )
    errors: dict[str, str] = {}
    if not (review.period_start <= date <= review.period_end):
        errors["date"] = _("The date must be within the review period, {start} – {end}.").format(
            start=review.period_start.isoformat(), end=review.period_end.isoformat()
        )
    goal_numbers, target_codes = list(goal_numbers), [c.strip() for c in target_codes if c.strip()]
    goals = list(Goal.objects.filter(number__in=goal_numbers))
    targets = list(Target.objects.filter(code__in=target_codes))
    unknown = sorted(set(target_codes) - {t.code for t in targets})
    if unknown:
        errors["targets"] = _("Unknown target code: {codes}.").format(codes=", ".join(unknown))
    if len(goals) != len(set(goal_numbers)):
        errors["goals"] = _("Goals are numbered 1 to 17.")
    if not goal_numbers and not target_codes:
        errors["goals"] = _("Link the contribution to at least one goal or target.")
    bad_links = _evidence_errors(evidence)
    if bad_links:
        errors["evidence"] = _("Not a web address: {urls}.").format(urls=", ".join(bad_links))
    if errors:
        raise ValidationError(errors)
    group = participant_group_of(user=actor, review=review)
    if group == ReviewParticipant.Group.RESIDENT and declared_group in SELF_DECLARED:
        group = declared_group  # a resident may say they take part as a young person or partner
    # Staff and experts publish at once; residents, young people and partners are moderated.
    moderated = group in {ReviewParticipant.Group.STAFF, ReviewParticipant.Group.EXPERT}
    contribution = Contribution(
        review=review,
        author=actor,
        group=group,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        date=date,
        evidence="\n".join(evidence),
        status=Contribution.Status.APPROVED if moderated else Contribution.Status.PENDING,
    )
    contribution.full_clean()
    contribution.save()
    contribution.goals.set(goals)
    contribution.targets.set(targets)
    _participant_ensure(user=actor, review=review, group=group)
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        instance=contribution,
        city=review.city,
        changes={"title": [None, contribution.title], "status": [None, contribution.status]},
    )
    return contribution


@transaction.atomic
def contribution_moderate(*, actor: Any, contribution: Contribution, approve: bool) -> Contribution:
    ensure(can_moderate(user=actor, review=contribution.review))
    before = contribution.status
    contribution.status = Contribution.Status.APPROVED if approve else Contribution.Status.REJECTED
    contribution.moderated_by = actor
    contribution.moderated_at = timezone.now()
    contribution.save(update_fields=["status", "moderated_by", "moderated_at"])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=contribution,
        city=contribution.review.city,
        changes={"status": [before, contribution.status]},
    )
    return contribution


@transaction.atomic
def evaluation_save(
    *,
    actor: Any,
    review: Review,
    score: int,
    comment: str = "",
    contribution: Contribution | None = None,
    link: SdgLink | None = None,
) -> Evaluation:
    """An expert's score (0–3) and comment on a contribution or link; a second evaluation by
    the same expert replaces the first."""
    ensure(
        can_evaluate(user=actor, review=review),
        _("Only SDG experts evaluate, during collecting and evaluation."),
    )
    if (contribution is None) == (link is None):
        raise ValueError("Evaluate either a contribution or a link.")
    if contribution is not None:
        if contribution.review_id != review.pk:
            raise ValidationError(_("This contribution belongs to another review."))
        if contribution.author_id == actor.pk:
            raise ValidationError(_("Experts do not evaluate their own contributions."))
        if contribution.status != Contribution.Status.APPROVED:
            raise ValidationError(_("Only moderated, public contributions are evaluated."))
    if not 0 <= int(score) <= 3:
        raise ValidationError({"score": _("The score is from 0 to 3.")})
    evaluation, _created = Evaluation.objects.update_or_create(
        expert=actor,
        contribution=contribution,
        link=link,
        defaults={"score": int(score), "comment": comment.strip()},
    )
    _participant_ensure(user=actor, review=review, group=ReviewParticipant.Group.EXPERT)
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        instance=evaluation,
        city=review.city,
        changes={"score": [None, evaluation.score]},
    )
    return evaluation


@transaction.atomic
def contribution_goal_add(
    *, actor: Any, contribution: Contribution, goal: Goal, target: Target | None = None
) -> None:
    """Tag a contribution with a goal (and target), for example on accepting a suggestion.
    A published review's contributions are part of its report and no longer change."""
    review = contribution.review
    ensure(can_link(user=actor, city_id=review.city_id))
    if review.phase == Review.Phase.PUBLISHED:
        raise ValidationError(_("The review is published; its contributions no longer change."))
    added = []
    if not contribution.goals.filter(pk=goal.pk).exists():
        contribution.goals.add(goal)
        added.append(str(goal.number))
    if target is not None and not contribution.targets.filter(pk=target.pk).exists():
        contribution.targets.add(target)
        added.append(target.code)
    if added:
        audit_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            instance=contribution,
            city=review.city,
            changes={"goals and targets": [None, "+" + " +".join(added)]},
        )
        content_version_bump()
