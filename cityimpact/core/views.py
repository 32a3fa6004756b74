"""Shared views: health check and background-job progress (polled by HTMX)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
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
