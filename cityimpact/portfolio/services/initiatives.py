"""Creating, changing and deleting initiatives and what hangs on them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cityimpact.core.languages import translated_fields
from cityimpact.core.models import AuditLogEntry, City, Organisation
from cityimpact.core.services import audit_record, model_snapshot, snapshot_diff
from cityimpact.portfolio.models import (
    Adoption,
    Initiative,
    Lesson,
    Network,
    Outcome,
    Participation,
    Place,
    Theme,
)
from cityimpact.portfolio.permissions import ensure_can_edit_city_content
from cityimpact.portfolio.services.search_index import initiatives_reindex

INITIATIVE_SCALAR_FIELDS = (
    "slug",
    *translated_fields("title", "summary", "description"),
    "programme",
    "start_year",
    "end_year",
    "status",
    "lead",
    "budget_eur",
)
INITIATIVE_RELATION_FIELDS = ("themes", "cities", "networks", "places", "partners")
OUTCOME_FIELDS = (
    *translated_fields("metric", "unit", "note"),
    "value",
    "value_high",
    "qualifier",
    "year",
    "period_start",
    "period_end",
)
ADOPTION_FIELDS = ("city", "organisation", *translated_fields("region", "how"), "year")
LESSON_FIELDS = translated_fields("title", "text")

PartnerSpec = tuple[Organisation, str]


def _unknown_fields(data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


def _initiative_relations_snapshot(initiative: Initiative) -> dict[str, Any]:
    return {
        "themes": sorted(t.slug for t in initiative.themes.all()),
        "cities": sorted(c.slug for c in initiative.cities.all()),
        "networks": sorted(n.slug for n in initiative.networks.all()),
        "places": sorted(p.name for p in initiative.places.all()),
        "partners": sorted(
            f"{p.organisation.slug}:{p.role}"
            for p in initiative.participations.select_related("organisation")
        ),
    }


def _initiative_snapshot(initiative: Initiative) -> dict[str, Any]:
    snapshot = model_snapshot(instance=initiative, fields=INITIATIVE_SCALAR_FIELDS)
    if initiative.pk:
        snapshot.update(_initiative_relations_snapshot(initiative))
    return snapshot


def _unique_slug(*, city: City, base: str, exclude_pk: int | None = None) -> str:
    root = slugify(base)[:100] or "initiative"
    slug, n = root, 2
    taken = Initiative.objects.filter(city=city)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{root}-{n}", n + 1
    return slug


def _set_places(*, initiative: Initiative, names: Sequence[str | Place]) -> None:
    limit = Place._meta.get_field("name").max_length or 120
    too_long = [n for n in names if isinstance(n, str) and len(n.strip()) > limit]
    if too_long:
        raise ValidationError(
            {"places": _("A place name can be at most {n} characters.").format(n=limit)}
        )
    places = []
    for item in names:
        if isinstance(item, Place):
            places.append(item)
            continue
        name = item.strip()
        if name:
            places.append(Place.objects.get_or_create(city=initiative.city, name=name)[0])
    initiative.places.set(places)


def _set_partners(*, initiative: Initiative, partners: Sequence[PartnerSpec]) -> None:
    wanted = {(organisation.pk, role) for organisation, role in partners}
    existing = {(p.organisation_id, p.role): p for p in initiative.participations.all()}
    for key, participation in existing.items():
        if key not in wanted:
            participation.delete()
    Participation.objects.bulk_create(
        [
            Participation(initiative=initiative, organisation_id=org_id, role=role)
            for org_id, role in wanted
            if (org_id, role) not in existing
        ]
    )


def _apply_relations(*, initiative: Initiative, data: Mapping[str, Any]) -> None:
    simple: dict[str, type[models.Model]] = {"themes": Theme, "cities": City, "networks": Network}
    for name in simple:
        if name in data:
            getattr(initiative, name).set(data[name])
    if "places" in data:
        _set_places(initiative=initiative, names=data["places"])
    if "partners" in data:
        _set_partners(initiative=initiative, partners=data["partners"])


@transaction.atomic
def initiative_create(*, actor: Any, city: City, data: Mapping[str, Any]) -> Initiative:
    """Create an initiative of `city`. `data` holds model fields by name (translations as
    title_fi, …); relations as lists: themes, cities, networks, places (names) and partners
    ((organisation, role) pairs). Raises ValidationError on invalid data."""
    ensure_can_edit_city_content(user=actor, city_id=city.pk)
    _unknown_fields(data, INITIATIVE_SCALAR_FIELDS + INITIATIVE_RELATION_FIELDS)
    initiative = Initiative(city=city)
    for name in INITIATIVE_SCALAR_FIELDS:
        if name in data:
            setattr(initiative, name, data[name])
    if not initiative.slug:
        title = getattr(initiative, "title_en", "") or initiative.title
        initiative.slug = _unique_slug(city=city, base=title)
    initiative.full_clean()
    initiative.save()
    _apply_relations(initiative=initiative, data=data)
    initiatives_reindex(initiative_ids=[initiative.pk])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        instance=initiative,
        city=city,
        changes=snapshot_diff(before={}, after=_initiative_snapshot(initiative)),
    )
    return initiative


@transaction.atomic
def initiative_update(*, actor: Any, initiative: Initiative, data: Mapping[str, Any]) -> Initiative:
    """Change the fields of `data` (same shape as for initiative_create); others stay."""
    ensure_can_edit_city_content(user=actor, city_id=initiative.city_id)
    _unknown_fields(data, INITIATIVE_SCALAR_FIELDS + INITIATIVE_RELATION_FIELDS)
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    before = _initiative_snapshot(initiative)
    for name in INITIATIVE_SCALAR_FIELDS:
        if name in data:
            setattr(initiative, name, data[name])
    initiative.full_clean()
    initiative.save()
    _apply_relations(initiative=initiative, data=data)
    changes = snapshot_diff(before=before, after=_initiative_snapshot(initiative))
    if changes:
        initiatives_reindex(initiative_ids=[initiative.pk])
        audit_record(
            actor=actor,
            action=AuditLogEntry.Action.UPDATE,
            instance=initiative,
            city=initiative.city,
            changes=changes,
        )
    return initiative


@transaction.atomic
def initiative_delete(*, actor: Any, initiative: Initiative) -> None:
    ensure_can_edit_city_content(user=actor, city_id=initiative.city_id)
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        instance=initiative,
        city=initiative.city,
        changes=snapshot_diff(before=_initiative_snapshot(initiative), after={}),
    )
    initiative.delete()


def _child_save(
    *,
    actor: Any,
    instance: models.Model,
    initiative: Initiative,
    data: Mapping[str, Any],
    fields: Sequence[str],
) -> Any:
    """Create or update an outcome, adoption or lesson of an initiative, with its audit entry."""
    ensure_can_edit_city_content(user=actor, city_id=initiative.city_id)
    _unknown_fields(data, fields)
    creating = instance.pk is None
    before = {} if creating else model_snapshot(instance=instance, fields=fields)
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    instance.full_clean()
    instance.save()
    changes = snapshot_diff(before=before, after=model_snapshot(instance=instance, fields=fields))
    if creating or changes:
        audit_record(
            actor=actor,
            action=AuditLogEntry.Action.CREATE if creating else AuditLogEntry.Action.UPDATE,
            instance=instance,
            city=initiative.city,
            changes={"initiative": [None, str(initiative)], **changes} if creating else changes,
        )
    return instance


def _child_delete(*, actor: Any, instance: Any, fields: Sequence[str]) -> None:
    initiative: Initiative = instance.initiative
    ensure_can_edit_city_content(user=actor, city_id=initiative.city_id)
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        instance=instance,
        city=initiative.city,
        changes=snapshot_diff(before=model_snapshot(instance=instance, fields=fields), after={}),
    )
    instance.delete()


@transaction.atomic
def outcome_create(*, actor: Any, initiative: Initiative, data: Mapping[str, Any]) -> Outcome:
    outcome: Outcome = _child_save(
        actor=actor,
        instance=Outcome(initiative=initiative),
        initiative=initiative,
        data=data,
        fields=OUTCOME_FIELDS,
    )
    return outcome


@transaction.atomic
def outcome_update(*, actor: Any, outcome: Outcome, data: Mapping[str, Any]) -> Outcome:
    updated: Outcome = _child_save(
        actor=actor,
        instance=outcome,
        initiative=outcome.initiative,
        data=data,
        fields=OUTCOME_FIELDS,
    )
    return updated


@transaction.atomic
def outcome_delete(*, actor: Any, outcome: Outcome) -> None:
    _child_delete(actor=actor, instance=outcome, fields=OUTCOME_FIELDS)


@transaction.atomic
def adoption_create(*, actor: Any, initiative: Initiative, data: Mapping[str, Any]) -> Adoption:
    adoption: Adoption = _child_save(
        actor=actor,
        instance=Adoption(initiative=initiative),
        initiative=initiative,
        data=data,
        fields=ADOPTION_FIELDS,
    )
    return adoption


@transaction.atomic
def adoption_update(*, actor: Any, adoption: Adoption, data: Mapping[str, Any]) -> Adoption:
    updated: Adoption = _child_save(
        actor=actor,
        instance=adoption,
        initiative=adoption.initiative,
        data=data,
        fields=ADOPTION_FIELDS,
    )
    return updated


@transaction.atomic
def adoption_delete(*, actor: Any, adoption: Adoption) -> None:
    _child_delete(actor=actor, instance=adoption, fields=ADOPTION_FIELDS)


@transaction.atomic
def lesson_create(*, actor: Any, initiative: Initiative, data: Mapping[str, Any]) -> Lesson:
    lesson: Lesson = _child_save(
        actor=actor,
        instance=Lesson(initiative=initiative),
        initiative=initiative,
        data=data,
        fields=LESSON_FIELDS,
    )
    return lesson
