"""Pages of localisation and the voluntary local review: local goals and indicators, links,
contributions, moderation, evaluation, phases and the report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityimpact.core.selectors import tenant_default
from cityimpact.core.services import job_create
from cityimpact.core.views import job_of_kind_or_404
from cityimpact.portfolio.selectors import initiative_get_by_id
from cityimpact.sdg import selectors
from cityimpact.sdg.forms import (
    ContributionForm,
    EvaluationForm,
    IndicatorValueForm,
    PhaseForm,
    SdgLinkForm,
)
from cityimpact.sdg.models import Contribution, LocalGoal, LocalIndicator, Review
from cityimpact.sdg.permissions import (
    can_contribute,
    can_evaluate,
    can_link,
    can_manage_city_sdg,
    can_moderate,
    can_review_suggestions,
)
from cityimpact.sdg.reports import report_context, report_pdf_path
from cityimpact.sdg.services.localisation import indicator_value_add, sdg_link_create
from cityimpact.sdg.services.review import (
    contribution_moderate,
    contribution_submit,
    evaluation_save,
    review_phase_set,
)
from cityimpact.sdg.tasks import review_report_pdf_task


def _review_or_404(city: str, slug: str) -> Review:
    try:
        return selectors.review_get(city_slug=city, slug=slug)
    except Review.DoesNotExist as error:
        raise Http404(_("No such review.")) from error


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@require_GET
def local_page(request: HttpRequest) -> HttpResponse:
    city = tenant_default()
    if city is None:
        raise Http404
    indicators = selectors.local_indicator_list(city=city)
    return render(
        request,
        "sdg/local.html",
        {
            "city": city,
            "local_goals": selectors.local_goal_list(city=city),
            "indicators": [
                (
                    indicator,
                    selectors.local_indicator_judgement(indicator=indicator),
                    next(reversed(indicator.values.all()), None),  # values come ordered by date
                )
                for indicator in indicators
            ],
            "initiatives": selectors.initiatives_with_links(city=city),
            "can_manage": can_manage_city_sdg(user=request.user, city_id=city.pk),
            "can_link": can_link(user=request.user, city_id=city.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_value_create(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(LocalIndicator, pk=pk)
    if not can_manage_city_sdg(user=request.user, city_id=indicator.city_id):
        raise PermissionDenied
    form = IndicatorValueForm(request.POST or None, initial={"unit": indicator.unit})
    if request.method == "POST" and form.is_valid():
        try:
            indicator_value_add(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The value was saved."))
            return redirect("sdg:local")
    return render(
        request,
        "sdg/form.html",
        {"form": form, "title": _("Add a value to {name}").format(name=indicator)},
    )


LINK_SOURCES = {"local_goal": LocalGoal, "local_indicator": LocalIndicator}


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request: HttpRequest, source: str, pk: int) -> HttpResponse:
    """Link a local goal, local indicator or initiative to a target."""
    obj: Any
    if source == "initiative":
        try:
            obj = initiative_get_by_id(pk=pk)
        except ObjectDoesNotExist as error:
            raise Http404 from error
    elif source in LINK_SOURCES:
        obj = get_object_or_404(LINK_SOURCES[source], pk=pk)
    else:
        raise Http404
    if not can_link(user=request.user, city_id=getattr(obj, "city_id", None)):
        raise PermissionDenied
    form = SdgLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sdg_link_create(actor=request.user, source=obj, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The link was saved."))
            next_url = request.GET.get("next", "")
            if next_url and url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}
            ):
                return redirect(next_url)
            return redirect("sdg:local")
    return render(
        request,
        "sdg/form.html",
        {"form": form, "title": _("Link {name} to the SDGs").format(name=obj)},
    )


@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    return render(request, "sdg/review_list.html", {"reviews": selectors.review_list()})


@require_GET
def review_detail(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    review = _review_or_404(city, slug)
    user = request.user
    return render(
        request,
        "sdg/review_detail.html",
        {
            "review": review,
            "figures": selectors.review_figures(review=review),
            "contributions": selectors.contribution_list(review=review, user=user),
            "can_contribute": can_contribute(user=user, review=review),
            "can_moderate": can_moderate(user=user, review=review),
            "can_evaluate": can_evaluate(user=user, review=review),
            "can_manage": can_manage_city_sdg(user=user, city_id=review.city_id),
            "can_suggest": can_review_suggestions(user=user, city_id=review.city_id),
            "links": selectors.review_links(review=review),
            "phase_form": PhaseForm(initial={"phase": review.phase}),
            "evaluation_form": EvaluationForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    review = _review_or_404(city, slug)
    if not can_contribute(user=request.user, review=review):
        raise PermissionDenied(_("This review is not collecting contributions."))
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contribution = contribution_submit(
                actor=request.user, review=review, **form.service_kwargs()
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if contribution.status == Contribution.Status.PENDING:
                messages.success(
                    request,
                    _("Thank you! Your contribution is public once a moderator has checked it."),
                )
            else:
                messages.success(request, _("Thank you! Your contribution is public."))
            return redirect(review)
    return render(
        request,
        "sdg/form.html",
        {
            "form": form,
            "title": _("Contribute to {review}").format(review=review),
            "review": review,
        },
    )


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(Contribution.objects.select_related("review__city"), pk=pk)
    contribution_moderate(
        actor=request.user,
        contribution=contribution,
        approve=request.POST.get("decision") == "approve",
    )
    messages.success(request, _("The contribution was moderated."))
    return redirect(contribution.review)


@login_required
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(Contribution.objects.select_related("review__city"), pk=pk)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a score from 0 to 3."))
        return redirect(contribution.review)
    try:
        evaluation_save(
            actor=request.user,
            review=contribution.review,
            contribution=contribution,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your evaluation was saved."))
    return redirect(contribution.review)


@login_required
@require_POST
def evaluate_link(request: HttpRequest, city: str, slug: str, pk: int) -> HttpResponse:
    review = _review_or_404(city, slug)
    link = get_object_or_404(selectors.review_links(review=review), pk=pk)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a score from 0 to 3."))
        return redirect(review)
    evaluation_save(
        actor=request.user,
        review=review,
        link=link,
        score=form.cleaned_data["score"],
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Your evaluation was saved."))
    return redirect(f"{review.get_absolute_url()}#links")


@login_required
@require_POST
def phase(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    review = _review_or_404(city, slug)
    form = PhaseForm(request.POST)
    if form.is_valid():
        review_phase_set(actor=request.user, review=review, phase=form.cleaned_data["phase"])
        messages.success(
            request,
            _("The review is now in phase: {phase}.").format(phase=review.get_phase_display()),
        )
    return redirect(review)


@require_GET
def report(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    """The VLR report as a web page, in the language of the address (/fi/, /sv/, /en/)."""
    review = _review_or_404(city, slug)
    if review.phase != Review.Phase.PUBLISHED and not can_manage_city_sdg(
        user=request.user, city_id=review.city_id
    ):
        raise PermissionDenied(_("The report is public once the review is published."))
    return render(request, "sdg/report.html", report_context(review=review))


@login_required
@require_POST
def report_pdf_start(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    review = _review_or_404(city, slug)
    if not can_manage_city_sdg(user=request.user, city_id=review.city_id):
        raise PermissionDenied
    job = job_create(kind="sdg.report", owner=request.user, total=3)
    language = request.LANGUAGE_CODE
    review_report_pdf_task.delay(job_id=str(job.pk), review_id=review.pk, language=language)
    return redirect("core:job", job_id=job.pk)


@login_required
@require_GET
def report_pdf_download(request: HttpRequest, job_id: str) -> FileResponse:
    job = job_of_kind_or_404(request=request, job_id=job_id, kind="sdg.report")
    path = report_pdf_path(job_id=str(job.pk))
    if not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"),
        content_type="application/pdf",
        filename=f"vlr-{job.result.get('review', 'report')}.pdf",
    )
