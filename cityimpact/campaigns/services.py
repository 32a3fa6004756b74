"""Writes of open campaigns: proposals, supports, comments, reports, moderation, answers.

Each checks permissions on the object, limits how fast one person can post, writes in one
transaction and records moderation and the city's decisions in the audit log."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cityimpact.accounts.notifications import notify
from cityimpact.campaigns.models import (
    Attachment,
    Campaign,
    Comment,
    Experiment,
    Kpi,
    Proposal,
    Report,
    Score,
    StatusUpdate,
    Support,
)
from cityimpact.campaigns.permissions import (
    can_comment,
    can_edit_proposal,
    can_manage_campaign,
    can_moderate,
    can_propose,
    can_see_comment,
    can_see_proposal,
    can_support,
    can_withdraw,
)
from cityimpact.core.models import AuditLogEntry
from cityimpact.core.ratelimit import rate_limit_exceeded
from cityimpact.core.services import audit_record, content_version_bump

LIMITS = {"propose": (5, 3600), "comment": (20, 600), "support": (60, 600), "report": (20, 3600)}
PROPOSAL_FIELDS = ("title", "description", "problem", "beneficiaries", "place")


def _throttle(actor: Any, action: str) -> None:
    limit, window = LIMITS[action]
    if rate_limit_exceeded(action=action, who=str(actor.pk), limit=limit, window_seconds=window):
        raise PermissionDenied(_("Too many in a short time. Please wait a moment and try again."))


@transaction.atomic
def proposal_create(
    *, actor: Any, campaign: Campaign, data: dict[str, Any], goals: Iterable[Any] = ()
) -> Proposal:
    if not can_propose(user=actor, campaign=campaign):
        raise PermissionDenied(_("This campaign is not collecting proposals."))
    _throttle(actor, "propose")
    proposal = Proposal(
        campaign=campaign, author=actor, **{k: data.get(k, "") for k in PROPOSAL_FIELDS}
    )
    proposal.full_clean()
    proposal.save()
    proposal.goals.set(goals)
    content_version_bump()
    return proposal


@transaction.atomic
def proposal_update(
    *, actor: Any, proposal: Proposal, data: dict[str, Any], reason: str = ""
) -> Proposal:
    """The author edits their own published proposal; a moderator may, giving a reason."""
    if not can_edit_proposal(user=actor, proposal=proposal):
        raise PermissionDenied(_("Only the author can edit this proposal."))
    by_moderator = proposal.author_id != actor.pk
    if by_moderator and not reason.strip():
        raise ValidationError({"reason": _("Say why you edit someone else's proposal.")})
    before = {name: getattr(proposal, name) for name in PROPOSAL_FIELDS}
    for name in PROPOSAL_FIELDS:
        if name in data:
            setattr(proposal, name, data[name])
    proposal.full_clean()
    proposal.save()
    if by_moderator:
        audit_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            instance=proposal,
            city=proposal.campaign.city,
            changes={
                "reason": [None, reason.strip()],
                **{
                    n: [before[n], getattr(proposal, n)]
                    for n in PROPOSAL_FIELDS
                    if before[n] != getattr(proposal, n)
                },
            },
        )
    content_version_bump()
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: Any, proposal: Proposal, reason: str) -> Proposal:
    if not can_withdraw(user=actor, proposal=proposal):
        raise PermissionDenied(_("Only the author can withdraw this proposal."))
    if not reason.strip():
        raise ValidationError({"reason": _("Tell the others why you withdraw the proposal.")})
    if len(reason.strip()) > 500:
        raise ValidationError({"reason": _("Keep the reason under 500 characters.")})
    proposal.state = Proposal.State.WITHDRAWN
    proposal.withdrawn_reason = reason.strip()
    proposal.save(update_fields=["state", "withdrawn_reason"])
    content_version_bump()
    return proposal


@transaction.atomic
def support_add(*, actor: Any, proposal: Proposal) -> int:
    """Back a proposal; returns its support count. Once per person and proposal, and at most
    the campaign's number of supports per person."""
    if not can_support(user=actor, proposal=proposal):
        raise PermissionDenied(_("Supports are not open for this proposal."))
    _throttle(actor, "support")
    campaign = Campaign.objects.select_for_update().get(pk=proposal.campaign_id)
    # A support of a withdrawn proposal cannot be removed any more: it does not use up a slot.
    used = (
        Support.objects.filter(user=actor, proposal__campaign=campaign)
        .exclude(proposal__state=Proposal.State.WITHDRAWN)
        .count()
    )
    if Support.objects.filter(user=actor, proposal=proposal).exists():
        raise ValidationError(_("You already support this proposal."))
    if used >= campaign.supports_per_person:
        raise ValidationError(
            _("You have used all {n} supports of this campaign.").format(
                n=campaign.supports_per_person
            )
        )
    try:
        with transaction.atomic():
            Support.objects.create(user=actor, proposal=proposal)
    except IntegrityError as error:  # a double click racing itself
        raise ValidationError(_("You already support this proposal.")) from error
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
    content_version_bump()
    return Proposal.objects.values_list("support_count", flat=True).get(pk=proposal.pk)


@transaction.atomic
def support_remove(*, actor: Any, proposal: Proposal) -> None:
    if not can_support(user=actor, proposal=proposal):
        raise PermissionDenied(_("Supports are not open for this proposal."))
    deleted, _rows = Support.objects.filter(user=actor, proposal=proposal).delete()
    if deleted:
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)
        content_version_bump()


@transaction.atomic
def comment_add(
    *, actor: Any, proposal: Proposal, text: str, parent: Comment | None = None
) -> Comment:
    if not can_comment(user=actor, proposal=proposal):
        raise PermissionDenied(_("Comments are closed."))
    if parent is not None and (
        parent.proposal_id != proposal.pk or not can_see_comment(user=actor, comment=parent)
    ):
        raise ValidationError({"parent": _("You can only reply to a comment on this proposal.")})
    _throttle(actor, "comment")
    if parent is not None and parent.parent_id is not None:
        # Threads are two levels deep on the page: a reply to a reply joins the same thread.
        parent = parent.parent
    comment = Comment(proposal=proposal, parent=parent, author=actor, text=text.strip())
    comment.full_clean()
    comment.save()
    if proposal.author_id and proposal.author_id != actor.pk:
        notify(
            user=proposal.author,
            text=_("A new comment on your proposal “{title}”.").format(title=proposal.title),
            url=proposal.get_absolute_url(),
        )
    content_version_bump()
    return comment


@transaction.atomic
def report_add(
    *,
    actor: Any,
    reason: str = "",
    proposal: Proposal | None = None,
    comment: Comment | None = None,
) -> bool:
    """Flag content; returns True when this report hid it (the campaign's threshold)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to report content."))
    target_proposal = proposal or (comment.proposal if comment else None)
    if target_proposal is None or not can_see_proposal(user=actor, proposal=target_proposal):
        raise PermissionDenied
    _throttle(actor, "report")
    # Lock the reported row first: concurrent reports then count one after another, so the
    # one that reaches the threshold always sees it (without the lock each could count short).
    if proposal is not None:
        subject: Any = Proposal.objects.select_for_update().get(pk=proposal.pk)
    else:
        # target_proposal was found, so without a proposal there is a comment.
        subject = Comment.objects.select_for_update().get(pk=cast(Comment, comment).pk)
    _report, created = Report.objects.get_or_create(
        reporter=actor, proposal=proposal, comment=comment, defaults={"reason": reason[:300]}
    )
    if not created:
        return False
    count = subject.reports.count()
    if count >= target_proposal.campaign.reports_to_hide and not subject.hidden:
        subject.hidden = True
        subject.hidden_reason = _("Hidden after reports, waiting for a moderator.")
        subject.save(update_fields=["hidden", "hidden_reason"])
        content_version_bump()
        return True
    return False


@transaction.atomic
def moderation_set(
    *,
    actor: Any,
    hidden: bool,
    reason: str,
    proposal: Proposal | None = None,
    comment: Comment | None = None,
) -> None:
    """A moderator hides or restores a proposal or comment, with a reason that is shown."""
    subject: Any = proposal or comment
    campaign = (proposal or comment.proposal).campaign  # type: ignore[union-attr]
    if not can_moderate(user=actor, campaign=campaign):
        raise PermissionDenied(_("Only moderators do this."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the moderation.")})
    if len(reason.strip()) > 300:
        raise ValidationError({"reason": _("Keep the reason under 300 characters.")})
    subject.hidden = hidden
    subject.hidden_reason = reason.strip() if hidden else ""
    subject.save(update_fields=["hidden", "hidden_reason"])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=subject,
        city=campaign.city,
        changes={"hidden": [not hidden, hidden], "reason": [None, reason.strip()]},
    )


ANSWER_STATES = {
    Proposal.State.EVALUATING,
    Proposal.State.ACCEPTED,
    Proposal.State.REJECTED,
    Proposal.State.SELECTED,
}


@transaction.atomic
def answer_prepare(*, actor: Any, proposal: Proposal, state: str, answer: str) -> Proposal:
    """The city's decision and answer; prepared answers are published together later."""
    if not can_manage_campaign(user=actor, campaign=proposal.campaign):
        raise PermissionDenied(_("Only the city's staff answer proposals."))
    if state not in ANSWER_STATES:
        raise ValidationError({"state": _("Not a decision the city can make.")})
    if proposal.state == Proposal.State.WITHDRAWN:
        raise ValidationError({"state": _("The author has withdrawn this proposal.")})
    if state in {Proposal.State.REJECTED, Proposal.State.ACCEPTED} and not answer.strip():
        raise ValidationError({"answer": _("Every decision gets a public answer.")})
    before = proposal.state
    proposal.state = state
    proposal.answer = answer.strip()
    proposal.answer_published = False
    proposal.save(update_fields=["state", "answer", "answer_published"])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=proposal,
        city=proposal.campaign.city,
        changes={"state": [before, state]},
    )
    return proposal


@transaction.atomic
def answers_publish(*, actor: Any, campaign: Campaign) -> int:
    if not can_manage_campaign(user=actor, campaign=campaign):
        raise PermissionDenied
    # Every prepared decision goes public now, with or without an answer text (a selection
    # may have none): until then the public sees the proposal as it was (see public_state).
    answered = list(
        campaign.proposals.filter(answer_published=False, state__in=ANSWER_STATES).select_related(
            "author"
        )
    )
    count = Proposal.objects.filter(pk__in=[p.pk for p in answered]).update(answer_published=True)
    for proposal in answered:
        notify(
            user=proposal.author,
            text=_("The city answered your proposal “{title}”.").format(title=proposal.title),
            url=proposal.get_absolute_url(),
        )
    if count:
        audit_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            instance=campaign,
            city=campaign.city,
            changes={"answers_published": [None, count]},
        )
    return count


@transaction.atomic
def campaign_phase_set(*, actor: Any, campaign: Campaign, phase: str) -> Campaign:
    if not can_manage_campaign(user=actor, campaign=campaign):
        raise PermissionDenied
    if phase not in Campaign.Phase.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    before = campaign.phase
    campaign.phase = phase
    campaign.save(update_fields=["phase"])
    authors = {p.author for p in campaign.proposals.select_related("author") if p.author}
    for author in authors:
        notify(
            user=author,
            text=_("The campaign “{title}” is now in the phase: {phase}.").format(
                title=campaign.title, phase=campaign.get_phase_display()
            ),
            url=campaign.get_absolute_url(),
        )
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=campaign,
        city=campaign.city,
        changes={"phase": [before, phase]},
    )
    return campaign


@transaction.atomic
def experiment_start(
    *, actor: Any, proposal: Proposal, data: dict[str, Any], kpis: Iterable[dict[str, Any]] = ()
) -> Experiment:
    """Turn a selected proposal into an experiment with its indicators."""
    if not can_manage_campaign(user=actor, campaign=proposal.campaign):
        raise PermissionDenied(_("Only the city's staff start experiments."))
    if proposal.state != Proposal.State.SELECTED:
        raise ValidationError(
            {"proposal": _("Only a proposal selected for an experiment can start one.")}
        )
    if Experiment.objects.filter(proposal=proposal).exists():
        raise ValidationError({"proposal": _("This proposal already has an experiment.")})
    initiative = data.get("initiative")
    if initiative is not None and initiative.city_id != proposal.campaign.city_id:
        raise ValidationError({"initiative": _("Choose an initiative of this campaign's city.")})
    partners = data.pop("partners", [])
    experiment = Experiment(proposal=proposal, status=Experiment.Status.RUNNING, **data)
    experiment.full_clean()
    if experiment.ends < experiment.starts:
        raise ValidationError({"ends": _("The experiment cannot end before it starts.")})
    experiment.save()
    experiment.partners.set(partners)
    for kpi in kpis:
        Kpi.objects.create(experiment=experiment, **kpi)
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        instance=experiment,
        city=proposal.campaign.city,
        changes={"experiment": [None, str(proposal)]},
    )
    content_version_bump()
    return experiment


@transaction.atomic
def experiment_update_add(
    *, actor: Any, experiment: Experiment, text: str, progress: int
) -> StatusUpdate:
    if not can_manage_campaign(user=actor, campaign=experiment.proposal.campaign):
        raise PermissionDenied
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is from 0 to 100 %.")})
    update = StatusUpdate.objects.create(
        experiment=experiment, text=text.strip(), progress=progress
    )
    content_version_bump()
    return update


@transaction.atomic
def experiment_results_publish(
    *,
    actor: Any,
    experiment: Experiment,
    learned: str,
    scales: bool | None,
    achieved: dict[int, float],
) -> Experiment:
    """Close the experiment with what was learned, whether it scales and the indicators'
    achieved values; the results are public from then on."""
    if not can_manage_campaign(user=actor, campaign=experiment.proposal.campaign):
        raise PermissionDenied
    if not learned.strip():
        raise ValidationError({"learned": _("Say what was learned.")})
    for kpi in experiment.kpis.all():
        if kpi.pk in achieved:
            kpi.achieved = achieved[kpi.pk]
            kpi.save(update_fields=["achieved"])
    experiment.learned = learned.strip()
    experiment.scales = scales
    experiment.status = Experiment.Status.FINISHED
    experiment.results_published = True
    experiment.save(update_fields=["learned", "scales", "status", "results_published"])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=experiment,
        city=experiment.proposal.campaign.city,
        changes={"results_published": [False, True]},
    )
    content_version_bump()
    return experiment


@transaction.atomic
def scores_save(*, actor: Any, proposal: Proposal, scores: dict[int, tuple[int, str]]) -> None:
    """A staff evaluator's scores of a proposal, criterion id → (0–5, comment)."""
    campaign = proposal.campaign
    if not can_manage_campaign(user=actor, campaign=campaign):
        raise PermissionDenied(_("Only the city's staff evaluate proposals."))
    criteria = {c.pk: c for c in campaign.criteria.all()}
    errors = {}
    for criterion_id, (score, _comment) in scores.items():
        if criterion_id not in criteria:
            errors[str(criterion_id)] = _("Not a criterion of this campaign.")
        elif not 0 <= score <= 5:
            errors[criteria[criterion_id].name] = _("Scores are from 0 to 5.")
    if errors:
        raise ValidationError(errors)
    for criterion_id, (score, comment) in scores.items():
        Score.objects.update_or_create(
            proposal=proposal,
            criterion=criteria[criterion_id],
            evaluator=actor,
            defaults={"score": score, "comment": comment[:500]},
        )


MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# What a file really is, read from its first bytes (a name or a browser's word can lie).
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"%PDF-": "application/pdf",
}


def attachment_kind(head: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


@transaction.atomic
def attachment_add(*, actor: Any, proposal: Proposal, upload: Any) -> Attachment:
    """Attach an image (PNG, JPEG) or a PDF of at most 5 MB to one's own proposal."""
    if not can_edit_proposal(user=actor, proposal=proposal):
        raise PermissionDenied(_("Only the author can add attachments."))
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    head = upload.read(8)
    upload.seek(0)
    kind = attachment_kind(head)
    if kind is None:
        raise ValidationError({"file": _("Attach a PNG or JPEG image or a PDF document.")})
    if proposal.attachments.count() >= 5:
        raise ValidationError({"file": _("A proposal can have at most 5 attachments.")})
    attachment = Attachment(
        proposal=proposal, name=str(upload.name)[:200], content_type=kind, size=upload.size
    )
    attachment.file.save(f"{proposal.pk}-{secrets.token_hex(8)}", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def proposal_goal_add(*, actor: Any, proposal: Proposal, goal: Any) -> None:
    """Tag a proposal with an SDG goal (city staff, for example on accepting a suggestion)."""
    if not can_manage_campaign(user=actor, campaign=proposal.campaign):
        raise PermissionDenied(_("You do not have permission to do this."))
    if proposal.goals.filter(pk=goal.pk).exists():
        return
    proposal.goals.add(goal)
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=proposal,
        city=proposal.campaign.city,
        changes={"goals": [None, f"+{goal.number}"]},
    )
    content_version_bump()
