"""The assessment wizard: 1. what is compared and at what scale, 2. the inventory of both
systems with uncertainties; then the result page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cityimpact.core.selectors import tenant_default
from cityimpact.handprint.forms import (
    ASSESSMENT_FIELDS,
    AssessmentForm,
    FactorChangesForm,
    InventoryFormSet,
)
from cityimpact.handprint.models import HandprintAssessment
from cityimpact.handprint.permissions import can_manage_handprints
from cityimpact.handprint.services import assessment_save, inventory_save, parse_factor_changes


def _steps(current: int, assessment: HandprintAssessment | None) -> dict[str, Any]:
    return {"step": current, "assessment": assessment}


@login_required
@require_http_methods(["GET", "POST"])
def assessment_step1(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    assessment = get_object_or_404(HandprintAssessment, pk=pk) if pk else None
    city = assessment.city if assessment else tenant_default()
    if city is None:
        raise Http404
    if not can_manage_handprints(user=request.user, city_id=city.pk):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, instance=assessment, city=city)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ASSESSMENT_FIELDS}
        data["initiatives"] = list(data["initiatives"])
        try:
            saved = assessment_save(
                actor=request.user,
                city=city,
                data=data,
                assessment=HandprintAssessment.objects.get(pk=pk) if pk else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("handprint:wizard_inventory", pk=saved.pk)
    return render(request, "handprint/wizard_step1.html", {"form": form, **_steps(1, assessment)})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_step2(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(HandprintAssessment, pk=pk)
    if not can_manage_handprints(user=request.user, city_id=assessment.city_id):
        raise PermissionDenied
    initial = [
        {
            "system": line.system,
            "stage": line.stage,
            "factor": line.factor_id,
            "amount": line.amount,
            "unit": line.unit,
            "label": line.label,
            "shape": line.shape,
            "low": line.low,
            "high": line.high,
            "sd": line.sd,
            "gsd": line.gsd,
        }
        for line in assessment.lines.all()
    ]
    formset = InventoryFormSet(request.POST or None, initial=initial or None, prefix="lines")
    changes_text = "\n".join(
        f"{c.factor.key} {c.year} {c.kgco2e_per_unit}"
        for c in assessment.factor_changes.select_related("factor")
    )
    changes_form = FactorChangesForm(request.POST or None, initial={"factor_changes": changes_text})
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid() and changes_form.is_valid():
        lines = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            inventory_save(
                actor=request.user,
                assessment=assessment,
                lines=lines,
                factor_changes=parse_factor_changes(changes_form.cleaned_data["factor_changes"]),
            )
        except ValidationError as error:
            problems = [f"{key}: {' '.join(value)}" for key, value in error.message_dict.items()]
        else:
            messages.success(request, _("The inventory was saved. Here is the result."))
            return redirect("handprint:assessment", pk=assessment.pk)
    return render(
        request,
        "handprint/wizard_step2.html",
        {
            "formset": formset,
            "changes_form": changes_form,
            "problems": problems,
            **_steps(2, assessment),
        },
    )
