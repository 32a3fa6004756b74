"""Shared views: health check and background-job progress (polled by HTMX)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cityimpact.core.models import Job
from cityimpact.core.selectors import job_get_for_user


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def job_progress(request: HttpRequest, job_id: str) -> HttpResponse:
    """The progress of one of the user's jobs: a page, or its partial when HTMX polls it."""
    try:
        job = job_get_for_user(job_id=job_id, user=request.user)
    except (Job.DoesNotExist, ValueError) as error:
        raise Http404 from error
    template = "core/partials/job.html" if request.headers.get("HX-Request") else "core/job.html"
    return render(request, template, {"job": job})


def job_of_kind_or_404(*, request: HttpRequest, job_id: str, kind: str) -> Job:
    """The signed-in user's job of this kind, for views that hand out a job's file; anything
    else (someone else's job, another kind, a malformed id) is the same 404."""
    try:
        job = job_get_for_user(job_id=job_id, user=request.user)
    except (Job.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    if job.kind != kind:
        raise Http404
    return job
