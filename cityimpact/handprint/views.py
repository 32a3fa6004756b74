"""Pages of the handprint app: the city's handprint portfolio, results and printable results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cityimpact.core.selectors import tenant_default
from cityimpact.handprint import charts, selectors
from cityimpact.handprint.models import HandprintAssessment
from cityimpact.handprint.permissions import can_manage_handprints, can_view_assessment
from cityimpact.handprint.services import assessment_status_set


def _assessment_or_404(request: HttpRequest, pk: int) -> HandprintAssessment:
    assessment: HandprintAssessment = get_object_or_404(
        HandprintAssessment.objects.select_related("city").prefetch_related(
            "initiatives", "actors__organisation"
        ),
        pk=pk,
    )
    if not can_view_assessment(user=request.user, assessment=assessment):
        raise Http404  # a draft does not exist for the public
    return assessment


@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    city = tenant_default()
    if city is None:
        raise Http404
    data = selectors.city_portfolio(
        assessments=list(selectors.assessment_list(city=city, user=request.user))
    )
    return render(
        request,
        "handprint/portfolio.html",
        {
            "city": city,
            **data,
            "chart": charts.portfolio_chart(data),
            "can_manage": can_manage_handprints(user=request.user, city_id=city.pk),
        },
    )


def _result_context(assessment: HandprintAssessment) -> dict[str, object]:
    result = selectors.assessment_result(assessment=assessment)
    return {
        "assessment": assessment,
        "result": result,
        "charts": {
            "waterfall": charts.waterfall_chart(
                result, baseline=assessment.baseline_name, solution=assessment.solution_name
            ),
            "stages": charts.stage_chart(
                result, baseline=assessment.baseline_name, solution=assessment.solution_name
            ),
            "histogram": charts.histogram_chart(result),
            "tornado": charts.tornado_chart(result),
        },
    }


@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    return render(
        request,
        "handprint/assessment_detail.html",
        {
            **_result_context(assessment),
            "can_manage": can_manage_handprints(user=request.user, city_id=assessment.city_id),
        },
    )


@require_GET
def assessment_print(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    return render(request, "handprint/assessment_print.html", _result_context(assessment))


@require_GET
def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    import weasyprint

    assessment = _assessment_or_404(request, pk)
    html = render_to_string(
        "handprint/assessment_print.html", _result_context(assessment), request=request
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="handprint-{assessment.pk}.pdf"'
    return response


@login_required
@require_POST
def assessment_status(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(HandprintAssessment, pk=pk)
    if not can_manage_handprints(user=request.user, city_id=assessment.city_id):
        raise PermissionDenied
    try:
        assessment_status_set(
            actor=request.user,
            assessment=assessment,
            status=request.POST.get("status", ""),
            review_note=request.POST.get("review_note", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The status is now: {status}.").format(status=assessment.get_status_display()),
        )
    return redirect("handprint:assessment", pk=assessment.pk)
