"""Suggested SDG links: ask the classifier about an initiative, local goal or indicator,
campaign proposal or review contribution, and let staff accept or reject each goal.

Accepting turns the suggestion into what a person would have made by hand: an `SdgLink`
(initiatives, local goals and indicators) that records the model version and who accepted
it, or a goal (and target) of the proposal or contribution. Nothing is linked without a
person's decision."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cityimpact.campaigns.services import proposal_goal_add
from cityimpact.core.models import AuditLogEntry, City
from cityimpact.core.services import audit_record, content_version_bump
from cityimpact.portfolio.selectors import initiative_list
from cityimpact.sdg.classifier.model import Classification
from cityimpact.sdg.models import Goal, SdgLink, SdgSuggestion, Target
from cityimpact.sdg.permissions import can_review_suggestions, ensure
from cityimpact.sdg.selectors import SuggestionSource, suggestion_source_get
from cityimpact.sdg.services.classification import (
    INTERACTIVE_PASSAGES,
    WEB_WAIT_SECONDS,
    classifier_get,
    texts_classify,
)
from cityimpact.sdg.services.localisation import sdg_link_create
from cityimpact.sdg.services.review import contribution_goal_add

_LINKED_SOURCES = {
    SdgSuggestion.Source.INITIATIVE,
    SdgSuggestion.Source.LOCAL_GOAL,
    SdgSuggestion.Source.LOCAL_INDICATOR,
}


def suggestions_refresh(*, actor: Any, source: SuggestionSource) -> list[SdgSuggestion]:
    """Classify the source's text now. Each asserted goal becomes a pending suggestion with
    its best target and evidence; pending suggestions for goals no longer asserted go away;
    decided ones are kept as they are."""
    ensure(can_review_suggestions(user=actor, city_id=source.city_id, source_type=source.type))
    (result,) = texts_classify(
        texts=[source.text],
        targets=169,
        sentence_evidence=True,
        max_passages=INTERACTIVE_PASSAGES,
        wait=WEB_WAIT_SECONDS,
    )
    _store(source=source, result=result, version=classifier_get().version)
    return list(
        SdgSuggestion.objects.filter(source_type=source.type, source_id=source.id).select_related(
            "goal", "target"
        )
    )


@transaction.atomic
def _store(*, source: SuggestionSource, result: Classification, version: str) -> None:
    best_target: dict[int, str] = {}
    for code, _score in result.targets:
        best_target.setdefault(int(code.split(".")[0]), code)
    goals = {goal.number: goal for goal in Goal.objects.all()}
    targets = {t.code: t for t in Target.objects.filter(code__in=best_target.values())}
    existing = {
        s.goal.number: s
        for s in SdgSuggestion.objects.select_for_update(of=("self",))
        .select_related("goal")
        .filter(source_type=source.type, source_id=source.id)
    }
    asserted = {goal_result.goal for goal_result in result.goals}
    stale = [
        s.pk
        for number, s in existing.items()
        if s.status == SdgSuggestion.Status.PENDING and number not in asserted
    ]
    SdgSuggestion.objects.filter(pk__in=stale).delete()
    for goal_result in result.goals:
        current = existing.get(goal_result.goal)
        if current is not None and current.status != SdgSuggestion.Status.PENDING:
            link_deleted = (
                current.status == SdgSuggestion.Status.ACCEPTED
                and source.type in _LINKED_SOURCES
                and current.link_id is None
            )
            if not link_deleted:
                continue  # decided: keep the decision
            # Someone removed the link made on accepting: the goal is open for review again.
            current.status, current.decided_by, current.decided_at = (
                SdgSuggestion.Status.PENDING,
                None,
                None,
            )
            current.save(update_fields=["status", "decided_by", "decided_at"])
        values = {
            "city": source.city,
            "target": targets.get(best_target.get(goal_result.goal, "")),
            "score": round(goal_result.score, 4),
            "evidence": [
                {"text": e.text, "start": e.start, "end": e.end, "score": round(e.score, 4)}
                for e in goal_result.evidence
            ],
            "words": goal_result.words,
            "model_version": version,
            "text_fingerprint": source.fingerprint,
        }
        SdgSuggestion.objects.update_or_create(
            source_type=source.type,
            source_id=source.id,
            goal=goals[goal_result.goal],
            defaults=values,
        )


def suggestions_demo_load(*, city: City) -> int:
    """Suggestions for the demo city's initiatives, once: where the demo already links the
    initiative to a target of the suggested goal, the suggestion is marked as reviewed
    (accepted, pointing to that link); the rest wait for staff. Returns how many were made."""
    if SdgSuggestion.objects.filter(city=city).exists():
        return 0  # the city's own review work: never redo or bring back what it removed
    sources = [
        suggestion_source_get(source_type=SdgSuggestion.Source.INITIATIVE, source_id=pk)
        for pk in initiative_list().filter(city=city).order_by("pk").values_list("pk", flat=True)
    ]
    if not sources:
        return 0
    results = texts_classify(texts=[s.text for s in sources], targets=169, sentence_evidence=True)
    version = classifier_get().version
    for source, result in zip(sources, results, strict=True):
        _store(source=source, result=result, version=version)
    suggestions = SdgSuggestion.objects.filter(city=city).select_related("goal")
    for suggestion in suggestions:
        link = (
            SdgLink.objects.filter(initiative_id=suggestion.source_id, target__goal=suggestion.goal)
            .order_by("pk")
            .first()
        )
        if link is not None:
            suggestion.status = SdgSuggestion.Status.ACCEPTED
            suggestion.link, suggestion.target = link, link.target
            suggestion.decided_by, suggestion.decided_at = link.created_by, link.created_at
            suggestion.save()
    content_version_bump()
    return suggestions.count()


def _rationale(suggestion: SdgSuggestion) -> str:
    evidence = suggestion.evidence[0]["text"] if suggestion.evidence else ""
    text = _("Suggested by the SDG classifier ({version}, score {score:.2f}).").format(
        version=suggestion.model_version, score=suggestion.score
    )
    if evidence:
        text += " " + _("Evidence: “{evidence}”").format(evidence=evidence[:600])
    return text[:1000]


@transaction.atomic
def suggestion_decide(
    *,
    actor: Any,
    source: SuggestionSource,
    suggestion: SdgSuggestion,
    accept: bool,
    target_code: str = "",
    kind: str = SdgLink.Kind.DIRECT,
) -> SdgSuggestion:
    """Accept (with the suggested target, or another target of the same goal) or reject."""
    ensure(can_review_suggestions(user=actor, city_id=source.city_id, source_type=source.type))
    suggestion = SdgSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if (suggestion.source_type, suggestion.source_id) != (source.type, source.id):
        raise ValidationError(_("This suggestion belongs to another text."))
    if suggestion.status != SdgSuggestion.Status.PENDING:
        raise ValidationError(_("This suggestion has already been decided."))
    if accept and suggestion.text_fingerprint not in ("", source.fingerprint):
        raise ValidationError(
            _("The text has changed since this suggestion was made; ask the classifier again.")
        )
    target = suggestion.target
    if target_code:
        target = Target.objects.filter(code=target_code, goal=suggestion.goal).first()
        if target is None:
            raise ValidationError(
                {"target": _("{code} is not a target of this goal.").format(code=target_code)}
            )
    if accept:
        suggestion.link = _apply(
            actor=actor, source=source, suggestion=suggestion, target=target, kind=kind
        )
        suggestion.target = target
    suggestion.status = SdgSuggestion.Status.ACCEPTED if accept else SdgSuggestion.Status.REJECTED
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.save()
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=suggestion,
        city=source.city,
        changes={
            "status": ["pending", suggestion.status],
            "model": [None, suggestion.model_version],
        },
    )
    return suggestion


def _apply(
    *,
    actor: Any,
    source: SuggestionSource,
    suggestion: SdgSuggestion,
    target: Target | None,
    kind: str,
) -> SdgLink | None:
    kinds = SdgSuggestion.Source
    if source.type in _LINKED_SOURCES:
        if target is None:
            raise ValidationError({"target": _("Choose the target to link to.")})
        field = {
            kinds.INITIATIVE.value: "initiative",
            kinds.LOCAL_GOAL.value: "local_goal",
            kinds.LOCAL_INDICATOR.value: "local_indicator",
        }[source.type]
        existing = SdgLink.objects.filter(**{field: source.object, "target": target}).first()
        if existing is not None:
            return existing
        return sdg_link_create(
            actor=actor,
            source=source.object,
            kind=kind,
            rationale=_rationale(suggestion),
            target_code=target.code,
            suggested_by_model=suggestion.model_version,
        )
    if source.type == kinds.PROPOSAL:
        proposal_goal_add(actor=actor, proposal=source.object, goal=suggestion.goal)
        return None
    contribution_goal_add(
        actor=actor, contribution=source.object, goal=suggestion.goal, target=target
    )
    return None
