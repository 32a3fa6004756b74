"""Export of the portfolio (CSV, JSON) and the staff page for importing a CSV file."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityimpact.core.models import City
from cityimpact.core.services import job_create
from cityimpact.portfolio import csv_format, selectors
from cityimpact.portfolio.forms import ImportForm
from cityimpact.portfolio.permissions import ensure_can_edit_city_content
from cityimpact.portfolio.tasks import initiatives_import_task

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The whole public portfolio, one initiative per row (streamed: any size, little memory)."""
    writer = csv.DictWriter(_Echo(), fieldnames=csv_format.COLUMNS)

    def rows() -> Iterator[str]:
        yield writer.writeheader()  # returns the line, written to _Echo
        for initiative in selectors.initiative_export_queryset().iterator(chunk_size=500):
            yield writer.writerow(selectors.initiative_export_row(initiative=initiative))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="initiatives.csv"'
    return response


@require_GET
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    """The whole public portfolio with outcomes, adoptions and lessons, as a JSON array."""

    def chunks() -> Iterator[str]:
        yield "["
        for n, initiative in enumerate(
            selectors.initiative_export_queryset().iterator(chunk_size=500)
        ):
            document = selectors.initiative_export_document(initiative=initiative)
            yield ("," if n else "") + json.dumps(
                document, cls=DjangoJSONEncoder, ensure_ascii=False
            )
        yield "]"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="initiatives.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff upload a CSV file; the import runs as a background job whose page shows progress."""
    city = get_object_or_404(City, slug=slug)
    ensure_can_edit_city_content(user=request.user, city_id=city.pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            try:
                content = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                form.add_error("file", _("The file is not UTF-8 text."))
            else:
                job = job_create(kind="portfolio.import", owner=request.user, total=1)
                initiatives_import_task.delay(
                    job_id=str(job.pk), user_id=request.user.pk, content=content
                )
                return redirect("core:job", job_id=job.pk)
    return render(
        request,
        "portfolio/import.html",
        {"form": form, "city": city, "columns": csv_format.COLUMNS},
    )
