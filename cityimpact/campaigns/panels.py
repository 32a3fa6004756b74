"""The experiments panel on an initiative's page: experiments run under it and their results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from cityimpact.campaigns.models import Experiment
from cityimpact.campaigns.permissions import can_see_proposal


def initiative_experiments_panel(request: HttpRequest, initiative: Any) -> str:
    experiments = [
        e
        for e in Experiment.objects.filter(initiative=initiative).select_related(
            "proposal__campaign__city"
        )
        if can_see_proposal(user=request.user, proposal=e.proposal)
    ]
    if not experiments:
        return ""
    return render_to_string(
        "campaigns/partials/initiative_panel.html", {"experiments": experiments}, request=request
    )
