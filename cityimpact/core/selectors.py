"""Reads of the core app."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cityimpact.core.models import AuditLogEntry, City, ContentVersion, Job, Organisation


def city_list(*, tenants_only: bool = False) -> QuerySet[City]:
    cities = City.objects.all()
    return cities.filter(is_tenant=True) if tenants_only else cities


def city_get(*, slug: str) -> City:
    return City.objects.get(slug=slug)


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("city")


def audit_log_list(
    *, city: City | None = None, object_type: str = "", object_id: str = ""
) -> QuerySet[AuditLogEntry]:
    entries = AuditLogEntry.objects.select_related("actor", "city")
    if city is not None:
        entries = entries.filter(city=city)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    return entries


def job_get_for_user(*, job_id: Any, user: Any) -> Job:
    """A job its owner may watch; others get DoesNotExist (no leaking of other users' jobs)."""
    if not getattr(user, "is_authenticated", False):
        raise Job.DoesNotExist
    return Job.objects.get(pk=job_id, owner=user)


def content_version_get() -> int:
    """The current version of public content (see ContentVersion)."""
    version = (
        ContentVersion.objects.filter(name=ContentVersion.PUBLIC)
        .values_list("version", flat=True)
        .first()
    )
    return version or 0


def tenant_default() -> City | None:
    """The city whose portfolio and SDG work the public pages show: the first tenant."""
    return City.objects.filter(is_tenant=True).order_by("pk").first()
