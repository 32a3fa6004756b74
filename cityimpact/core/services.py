"""Writes of the core app: cities, organisations, audit entries and job progress."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import translation

from cityimpact.core.models import AuditLogEntry, City, ContentVersion, Job, Organisation


def _plain(value: Any) -> Any:
    """A JSON-safe version of a field value for the audit log."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def model_snapshot(*, instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Field values of an instance, JSON-safe, to compare before and after a change."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def snapshot_diff(*, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for each field whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def _repr_in_default_language(instance: models.Model) -> str:
    """The object's name as the log keeps it: in the site's default language, whatever
    language the person making the change was using."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(instance)[:300]


def audit_record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    city: City | None,
    changes: Mapping[str, Any] | None = None,
) -> AuditLogEntry:
    """Append one entry to the audit log. Call it inside the transaction of the change.

    Every audited change is a change to public content, so cached pages go stale with it."""
    content_version_bump()
    return AuditLogEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        city=city,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=_repr_in_default_language(instance),
        changes=dict(changes or {}),
    )


def city_upsert(*, slug: str, country: str, is_tenant: bool = False, **names: str) -> City:
    """Create or update a city by slug; `names` are name_en, name_fi, name_sv."""
    city, _created = City.objects.update_or_create(
        slug=slug, defaults={"country": country, "is_tenant": is_tenant, **names}
    )
    return city


def organisation_upsert(
    *,
    slug: str,
    kind: str,
    country: str = "",
    city: City | None = None,
    website: str = "",
    **names: str,
) -> Organisation:
    """Create or update an organisation by slug; `names` are name_en, name_fi, name_sv."""
    organisation, _created = Organisation.objects.update_or_create(
        slug=slug,
        defaults={"kind": kind, "country": country, "city": city, "website": website, **names},
    )
    return organisation


def job_create(*, kind: str, owner: Any = None, total: int = 0) -> Job:
    owner = owner if getattr(owner, "is_authenticated", False) else None
    return Job.objects.create(kind=kind, owner=owner, total=total)


def job_progress(*, job_id: Any, done: int, total: int | None = None, message: str = "") -> None:
    """Record progress. A plain UPDATE so a worker never overwrites fields it did not set."""
    values: dict[str, Any] = {"done": done, "state": Job.State.RUNNING, "message": message}
    if total is not None:
        values["total"] = total
    Job.objects.filter(pk=job_id).update(**values)


def job_step(*, job_id: Any, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(done=F("done") + 1, message=message)


def job_finish(*, job_id: Any, result: Mapping[str, Any] | None = None, error: str = "") -> None:
    with transaction.atomic():
        state = Job.State.FAILED if error else Job.State.DONE
        Job.objects.filter(pk=job_id).update(
            state=state, message=error[:500], result=dict(result or {})
        )


def content_version_bump() -> None:
    """Make cached public pages stale once the current transaction commits."""

    def bump() -> None:
        updated = ContentVersion.objects.filter(name=ContentVersion.PUBLIC).update(
            version=F("version") + 1
        )
        if not updated:
            ContentVersion.objects.get_or_create(
                name=ContentVersion.PUBLIC, defaults={"version": 1}
            )

    transaction.on_commit(bump)


def audited_save(
    *,
    actor: Any,
    instance: models.Model,
    data: Mapping[str, Any],
    fields: Iterable[str],
    city: City | None,
    before_validation: Any = None,
) -> dict[str, list[Any]]:
    """Set `data` (only names in `fields`) on a new or stored instance, validate, save, and
    record what changed in the audit log. Returns the changes. `before_validation`, if given,
    is called with the instance just before full_clean (to derive a slug, say)."""
    fields = tuple(fields)
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    creating = instance.pk is None
    before = {} if creating else model_snapshot(instance=instance, fields=fields)
    for name, value in data.items():
        setattr(instance, name, value)
    if before_validation is not None:
        before_validation(instance)
    instance.full_clean()
    instance.save()
    changes = snapshot_diff(before=before, after=model_snapshot(instance=instance, fields=fields))
    if changes:
        audit_record(
            actor=actor,
            action=AuditLogEntry.Action.CREATE if creating else AuditLogEntry.Action.UPDATE,
            instance=instance,
            city=city,
            changes=changes,
        )
    return changes
