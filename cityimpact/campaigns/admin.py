"""Admin of campaigns: staff set up a campaign, its phases, identity levels and rubric."""

from __future__ import annotations

from django.contrib import admin

from cityimpact.campaigns.models import Campaign, Criterion
from cityimpact.portfolio.admin import CityScopedAdmin, CityScopedInline


class CriterionInline(CityScopedInline, admin.TabularInline):
    model = Criterion
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(CityScopedAdmin):
    list_display = ["title", "city", "phase", "collecting_ends"]
    list_filter = ["phase"]
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [CriterionInline]
