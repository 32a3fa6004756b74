"""The handprint panel on an initiative's page: its published assessments' results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from cityimpact.handprint.models import HandprintAssessment
from cityimpact.handprint.permissions import can_view_assessment
from cityimpact.handprint.selectors import assessment_result


def initiative_handprint_panel(request: HttpRequest, initiative: Any) -> str:
    assessments = [
        a
        for a in HandprintAssessment.objects.filter(initiatives=initiative)
        if can_view_assessment(user=request.user, assessment=a)
    ]
    if not assessments:
        return ""
    rows = [{"assessment": a, "result": assessment_result(assessment=a)} for a in assessments]
    return render_to_string(
        "handprint/partials/initiative_panel.html", {"rows": rows}, request=request
    )
