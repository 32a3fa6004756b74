"""Admin of the SDG app: city staff keep their own city's local goals, indicators and
reviews. Scoping and auditing are the portfolio admin's (the same rule: a city's staff or an
administrator)."""

from __future__ import annotations

from django.contrib import admin

from cityimpact.portfolio.admin import CityScopedAdmin, CityScopedInline
from cityimpact.sdg.models import IndicatorValue, LocalGoal, LocalIndicator, Review


class IndicatorValueInline(CityScopedInline, admin.TabularInline):
    model = IndicatorValue
    extra = 1


@admin.register(LocalGoal)
class LocalGoalAdmin(CityScopedAdmin):
    list_display = ["code", "title", "city", "is_example"]
    search_fields = ["code", "title_en", "title_fi", "title_sv"]


@admin.register(LocalIndicator)
class LocalIndicatorAdmin(CityScopedAdmin):
    list_display = ["code", "name", "unit", "city", "target_value", "target_year", "is_example"]
    search_fields = ["code", "name_en", "name_fi", "name_sv"]
    inlines = [IndicatorValueInline]


@admin.register(Review)
class ReviewAdmin(CityScopedAdmin):
    list_display = ["title", "city", "period_start", "period_end", "phase"]
    prepopulated_fields = {"slug": ("title_en",)}
