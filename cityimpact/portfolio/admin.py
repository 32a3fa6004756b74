"""The Django admin for the portfolio. Who may see and change what comes from permissions.py,
as on the pages and in the API; every save is written to the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.contrib import admin
from django.db import models, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from cityimpact.core.models import AuditLogEntry, City, Organisation
from cityimpact.core.services import audit_record, model_snapshot, snapshot_diff
from cityimpact.portfolio.models import (
    Adoption,
    Initiative,
    InitiativeLink,
    Lesson,
    Network,
    NetworkMembership,
    Outcome,
    Participation,
    Programme,
    Theme,
)
from cityimpact.portfolio.permissions import (
    can_edit_cities,
    can_edit_city_content,
    can_edit_reference_data,
    editable_city_ids,
)
from cityimpact.portfolio.services.search_index import initiatives_reindex


def _city_of(obj: Model | None) -> City | None:
    """The city whose content an object is: its own city, or its initiative's."""
    if obj is None:
        return None
    if isinstance(obj, City):
        return None  # a city record is reference data, not a city's content
    city = getattr(obj, "city", None)
    if isinstance(city, City):
        return city
    initiative = getattr(obj, "initiative", None)
    return initiative.city if isinstance(initiative, Initiative) else None


# An address typed without a scheme means https (Django 6's default; silences its warning).
FieldOverrides = Mapping[Any, Mapping[str, Any]]  # model field class -> form field options
HTTPS_URLS: FieldOverrides = {models.URLField: {"assume_scheme": "https"}}


class AuditedAdmin(TranslationAdmin):
    """Every save and delete in the admin goes to the audit log, like the services' writes
    (which also makes cached public pages stale)."""

    formfield_overrides: ClassVar[FieldOverrides] = HTTPS_URLS

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = [f.name for f in obj._meta.fields if f.name in form.fields]
        stored = type(obj).objects.get(pk=obj.pk) if change else None
        before = model_snapshot(instance=stored, fields=fields) if stored else {}
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=AuditLogEntry.Action.UPDATE if change else AuditLogEntry.Action.CREATE,
            instance=obj,
            city=_city_of(obj),
            changes=snapshot_diff(before=before, after=model_snapshot(instance=obj, fields=fields)),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_record(
            actor=request.user,
            action=AuditLogEntry.Action.DELETE,
            instance=obj,
            city=_city_of(obj),
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        # The admin's bulk "delete selected" action: one audit entry per deleted row, and
        # all rows or none.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


class CityScopedAdmin(AuditedAdmin):
    """Admin of a city's content: staff see and change only their own city's rows."""

    city_path = "city"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        ids = editable_city_ids(user=request.user)
        return rows if ids is None else rows.filter(**{f"{self.city_path}__in": ids})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return editable_city_ids(user=request.user) != set()

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        city = _city_of(obj)
        return can_edit_city_content(user=request.user, city_id=city.pk if city else None)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        ids = editable_city_ids(user=request.user)
        if db_field.name == "city" and ids is not None:
            kwargs["queryset"] = City.objects.filter(pk__in=ids)
        if db_field.name == "initiative" and ids is not None:
            kwargs["queryset"] = Initiative.objects.filter(city__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        ids = editable_city_ids(user=request.user)
        if db_field.name == "initiatives" and ids is not None:
            kwargs["queryset"] = Initiative.objects.filter(city__in=ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CityScopedInline:
    """Rows edited inline belong to their parent: whoever may edit the parent edits them.
    The role groups carry no Django model permissions (the city rule is the permission), so
    without this only superusers would see an inline. Mix in before the inline class."""

    formfield_overrides: ClassVar[FieldOverrides] = HTTPS_URLS

    def _parent_editable(self, request: HttpRequest, obj: Any) -> bool:
        if obj is None:
            return editable_city_ids(user=request.user) != set()
        city = _city_of(obj)
        return can_edit_city_content(user=request.user, city_id=city.pk if city else None)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._parent_editable(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._parent_editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._parent_editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._parent_editable(request, obj)


class ParticipationInline(CityScopedInline, admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["organisation"]


class OutcomeInline(CityScopedInline, TranslationTabularInline):
    model = Outcome
    extra = 0
    fields = ["metric", "value", "value_high", "qualifier", "unit", "year"]


class LinkInline(CityScopedInline, TranslationTabularInline):
    model = InitiativeLink
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(CityScopedAdmin):
    list_display = ["title", "city", "status", "start_year", "end_year", "programme"]
    list_filter = ["status", "themes", "programme", "city"]
    search_fields = ["title_en", "title_fi", "title_sv", "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ["themes", "cities", "networks", "places"]
    inlines = [ParticipationInline, OutcomeInline, LinkInline]
    list_select_related = ["city", "programme"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        initiatives_reindex(initiative_ids=[form.instance.pk])


@admin.register(Outcome)
class OutcomeAdmin(CityScopedAdmin):
    city_path = "initiative__city"
    list_display = ["metric", "initiative", "value", "unit", "year"]
    list_select_related = ["initiative"]
    search_fields = ["metric_en", "initiative__title_en"]


@admin.register(Adoption)
class AdoptionAdmin(CityScopedAdmin):
    city_path = "initiative__city"
    list_display = ["initiative", "city", "organisation", "region", "year"]
    list_select_related = ["initiative", "city", "organisation"]


@admin.register(Lesson)
class LessonAdmin(CityScopedAdmin):
    city_path = "initiative__city"
    list_display = ["title", "initiative"]


class ReferenceAdmin(AuditedAdmin):
    """Shared reference data: any city staff or administrator may change it."""

    search_fields = ["slug", "name_en", "name_fi", "name_sv"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_edit_reference_data(user=request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser


class MembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0


@admin.register(Network)
class NetworkAdmin(ReferenceAdmin):
    inlines = [MembershipInline]


@admin.register(Programme)
class ProgrammeAdmin(ReferenceAdmin):
    list_display = ["name", "kind", "funder"]


@admin.register(Theme)
class ThemeAdmin(ReferenceAdmin):
    """Themes structure every city's portfolio, so only administrators change them."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_edit_cities(user=request.user)


# Cities, organisations and the audit log are core models; who may change them is decided
# in portfolio.permissions, so their admin is registered here and core stays below portfolio.
@admin.register(City)
class CityAdmin(AuditedAdmin):
    list_display = ["name", "country", "is_tenant"]
    search_fields = ["slug", "name_en", "name_fi", "name_sv"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_edit_cities(user=request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_edit_cities(user=request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_edit_cities(user=request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_edit_cities(user=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_edit_cities(user=request.user)


@admin.register(Organisation)
class OrganisationAdmin(ReferenceAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the services, never edited."""

    list_display = ["created_at", "actor", "action", "object_type", "object_repr", "city"]
    list_filter = ["action", "object_type"]
    readonly_fields = [f.name for f in AuditLogEntry._meta.fields]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditLogEntry]:
        entries = super().get_queryset(request).select_related("actor", "city")
        ids = editable_city_ids(user=request.user)
        return entries if ids is None else entries.filter(city__in=ids)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return editable_city_ids(user=request.user) != set()

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
