"""Admin of handprint assessments (the wizard on the site is the usual way to build one) and
of the factor library; scoped and audited like the portfolio's admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from cityimpact.handprint.models import (
    Actor,
    EmissionFactor,
    FactorChange,
    HandprintAssessment,
    InventoryLine,
)
from cityimpact.portfolio.admin import CityScopedAdmin, CityScopedInline
from cityimpact.portfolio.permissions import can_edit_reference_data


class InventoryLineInline(CityScopedInline, admin.TabularInline):
    model = InventoryLine
    extra = 2
    autocomplete_fields = ["factor"]


class FactorChangeInline(CityScopedInline, admin.TabularInline):
    model = FactorChange
    extra = 0


class ActorInline(CityScopedInline, admin.TabularInline):
    model = Actor
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(HandprintAssessment)
class HandprintAssessmentAdmin(CityScopedAdmin):
    list_display = ["title", "city", "mechanism", "kind", "status", "data_year"]
    list_filter = ["mechanism", "status", "kind"]
    inlines = [InventoryLineInline, FactorChangeInline, ActorInline]
    filter_horizontal = ["initiatives"]
    readonly_fields = ["status"]  # changed only through review and publication on the result page

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # As in the wizard: a changed assessment goes back to draft, to be reviewed again.
        if change and form.has_changed():
            obj.status = HandprintAssessment.Status.DRAFT
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if change and formset.has_changed():
            HandprintAssessment.objects.filter(pk=form.instance.pk).update(
                status=HandprintAssessment.Status.DRAFT
            )


@admin.register(EmissionFactor)
class EmissionFactorAdmin(admin.ModelAdmin):
    """The library: staff add factors (a changed value is a new version), never edit one."""

    list_display = ["key", "version", "category", "kgco2e_per_unit", "unit", "year"]
    list_filter = ["category", "unit"]
    search_fields = ["key", "name", "source"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_edit_reference_data(user=request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    readonly_fields = ["version"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A factor is never edited: saving a known key adds its next version.
        latest = EmissionFactor.objects.filter(key=obj.key).order_by("-version").first()
        obj.version = latest.version + 1 if latest else 1
        obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # a new value is a new version, added as a new factor

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
