"""Writes of shared reference data: organisations, programmes, networks and cities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from cityimpact.core.models import AuditLogEntry
from cityimpact.core.services import audit_record, audited_save
from cityimpact.portfolio.models import Participation
from cityimpact.portfolio.permissions import (
    ensure_can_edit_cities,
    ensure_can_edit_reference_data,
)
from cityimpact.portfolio.services.search_index import initiatives_reindex

REFERENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "core.city": ("slug", "name_en", "name_fi", "name_sv", "country", "is_tenant"),
    "core.organisation": (
        "slug",
        "name_en",
        "name_fi",
        "name_sv",
        "kind",
        "country",
        "city",
        "website",
    ),
    "portfolio.programme": ("slug", "name_en", "name_fi", "name_sv", "kind", "funder"),
    "portfolio.network": (
        "slug",
        "name_en",
        "name_fi",
        "name_sv",
        "description_en",
        "description_fi",
        "description_sv",
        "website",
    ),
}


@transaction.atomic
def reference_save(*, actor: Any, instance: models.Model, data: Mapping[str, Any]) -> Any:
    """Create (instance without pk) or update a city, organisation, programme or network."""
    label = instance._meta.label_lower
    if label == "core.city":
        ensure_can_edit_cities(user=actor)
    else:
        ensure_can_edit_reference_data(user=actor)
    fields = REFERENCE_FIELDS[label]

    def derive_slug(target: Any) -> None:
        if not getattr(target, "slug", ""):
            target.slug = slugify(getattr(target, "name_en", "") or str(target))[:80]

    changes = audited_save(
        actor=actor,
        instance=instance,
        data=data,
        fields=fields,
        city=None,
        before_validation=derive_slug,
    )
    if label == "core.organisation" and any(name.startswith("name_") for name in changes):
        # Partner names are searched: keep the initiatives' search text current.
        initiatives_reindex(
            initiative_ids=Participation.objects.filter(organisation_id=instance.pk).values_list(
                "initiative_id", flat=True
            )
        )
    return instance


@transaction.atomic
def reference_delete(*, actor: Any, instance: models.Model) -> None:
    """Delete a city, organisation, programme or network (administrators only)."""
    ensure_can_edit_cities(user=actor)
    audit_record(actor=actor, action=AuditLogEntry.Action.DELETE, instance=instance, city=None)
    instance.delete()
