"""The SDG panel on an initiative's page: the targets it is linked to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from cityimpact.sdg.models import SdgLink
from cityimpact.sdg.permissions import can_link


def initiative_sdg_panel(request: HttpRequest, initiative: Any) -> str:
    links = list(
        SdgLink.objects.filter(initiative=initiative).select_related("target__goal", "indicator")
    )
    may_link = can_link(user=request.user, city_id=initiative.city_id)
    if not links and not may_link:
        return ""
    return render_to_string(
        "sdg/partials/initiative_panel.html",
        {"links": links, "initiative": initiative, "can_link": may_link},
        request=request,
    )
