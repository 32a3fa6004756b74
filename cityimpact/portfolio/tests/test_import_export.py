import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from cityimpact.core.models import AuditLogEntry, Job
from cityimpact.portfolio import csv_format
from cityimpact.portfolio.models import Initiative
from cityimpact.portfolio.services.imports import ImportFailed, initiatives_import_csv
from cityimpact.portfolio.tests.factories import (
    InitiativeFactory,
    OrganisationFactory,
    OutcomeFactory,
    ParticipationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def make_csv(rows: list[dict[str, str]], columns=None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or csv_format.COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in (columns or csv_format.COLUMNS)})
    return buffer.getvalue()


GOOD = {"city": "espoo", "title_en": "Culture Call", "summary_en": "Culture for children."}


@pytest.fixture
def reference(city):
    ThemeFactory(slug="climate-change")
    OrganisationFactory(slug="vtt")


def test_export_csv_round_trips_through_import(client, staff, city, reference):
    initiative = InitiativeFactory(
        city=city, slug="sparcs", title_en="SPARCS", themes=[ThemeFactory(slug="climate-change")]
    )
    ParticipationFactory(
        initiative=initiative, organisation=OrganisationFactory(slug="vtt"), role="coordinator"
    )
    exported = b"".join(client.get("/en/export/initiatives.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows[0]["partners"] == "vtt:coordinator"
    assert rows[0]["themes"] == "climate-change"
    edited = exported.replace("SPARCS", "SPARCS project")
    result = initiatives_import_csv(actor=staff, content=edited)
    assert (result.created, result.updated) == (0, 1)
    initiative.refresh_from_db()
    assert initiative.title_en == "SPARCS project"
    assert initiative.participations.get().role == "coordinator"


def test_export_json_has_outcomes(client, city):
    OutcomeFactory(initiative=InitiativeFactory(city=city), metric_en="Mentors", value=94)
    data = json.loads(b"".join(client.get("/en/export/initiatives.json").streaming_content))
    assert data[0]["outcomes"][0]["metric"]["en"] == "Mentors"
    assert data[0]["outcomes"][0]["value"] == "94.00"


def test_export_contains_no_personal_data(client, staff, city):
    InitiativeFactory(city=city)
    exported = b"".join(client.get("/en/export/initiatives.json").streaming_content).decode()
    assert staff.username not in exported


def test_import_creates_with_relations(staff, reference):
    content = make_csv(
        [{**GOOD, "themes": "climate-change", "partners": "vtt:partner", "places": "Tapiola; Kera"}]
    )
    result = initiatives_import_csv(actor=staff, content=content)
    assert result.created == 1
    initiative = Initiative.objects.get()
    assert sorted(p.name for p in initiative.places.all()) == ["Kera", "Tapiola"]
    assert AuditLogEntry.objects.filter(action="create").count() == 1


def test_bad_rows_are_all_reported_and_nothing_saved(staff, reference):
    content = make_csv(
        [
            GOOD,
            {**GOOD, "title_en": "", "themes": "weather"},
            {**GOOD, "start_year": "20x0", "status": "dreaming"},
            {**GOOD, "start_year": "2022", "end_year": "2020"},
            {**GOOD, "partners": "vtt:overlord", "budget_eur": "lots"},
        ]
    )
    with pytest.raises(ImportFailed) as failure:
        initiatives_import_csv(actor=staff, content=content)
    found = {(e.row, e.column) for e in failure.value.errors}
    assert {
        (2, "title_en"),
        (2, "themes"),
        (3, "start_year"),
        (3, "status"),
        (4, "end_year"),
        (5, "partners"),
        (5, "budget_eur"),
    } <= found
    assert 1 not in {e.row for e in failure.value.errors}
    assert not Initiative.objects.exists()
    assert not AuditLogEntry.objects.exists()


def test_header_problems_are_reported(staff, reference):
    with pytest.raises(ImportFailed) as failure:
        initiatives_import_csv(actor=staff, content="city,title_en,colour\nespoo,x,red\n")
    assert {(e.row, e.column) for e in failure.value.errors} == {(0, "summary_en"), (0, "colour")}


def test_not_utf8_and_empty_files_are_rejected(staff):
    with pytest.raises(ImportFailed):
        initiatives_import_csv(
            actor=staff, content="city,title_en,summary_en\nesbo,Å,b\n".encode("utf-16")
        )
    with pytest.raises(ImportFailed):
        initiatives_import_csv(actor=staff, content=make_csv([]))


def test_import_into_other_city_is_refused_per_row(other_staff, reference):
    with pytest.raises(ImportFailed) as failure:
        initiatives_import_csv(actor=other_staff, content=make_csv([GOOD]))
    assert failure.value.errors[0].column == "city"
    assert not Initiative.objects.exists()


def test_api_import_400_names_rows(staff, reference):
    client = APIClient()
    client.force_authenticate(staff)
    upload = SimpleUploadedFile("p.csv", make_csv([GOOD, {**GOOD, "city": "atlantis"}]).encode())
    response = client.post("/api/v1/initiatives/import/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"row": 2, "column": "city", "message": "Unknown value 'atlantis'."}
    ]
    assert not Initiative.objects.exists()
    upload = SimpleUploadedFile("p.csv", make_csv([GOOD]).encode())
    response = client.post("/api/v1/initiatives/import/", {"file": upload}, format="multipart")
    assert response.status_code == 201
    assert response.json()["created"] == 1


def test_api_import_requires_login(reference):
    upload = SimpleUploadedFile("p.csv", make_csv([GOOD]).encode())
    response = APIClient().post("/api/v1/initiatives/import/", {"file": upload}, format="multipart")
    assert response.status_code in (401, 403)


def test_command_exits_non_zero_naming_rows(staff, reference, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(make_csv([{**GOOD, "status": "dreaming"}]), encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_initiatives", str(path), user=staff.username, stderr=errors)
    assert "row 1, column status" in errors.getvalue()
    good = tmp_path / "good.csv"
    good.write_text(make_csv([GOOD]), encoding="utf-8")
    out = io.StringIO()
    call_command("import_initiatives", str(good), user=staff.username, stdout=out)
    assert "1 created" in out.getvalue()


def test_import_page_runs_job_and_shows_result(client, staff, reference):
    client.force_login(staff)
    upload = SimpleUploadedFile("p.csv", make_csv([{**GOOD, "status": "dreaming"}]).encode())
    response = client.post("/en/cities/espoo/import/", {"file": upload})
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.state == Job.State.FAILED
    page = client.get(response["Location"])
    assert "dreaming" in page.content.decode()
    partial = client.get(response["Location"], headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert "hx-trigger" not in partial.content.decode()  # finished: polling stops


def test_job_page_is_private(client, staff, make_user, reference):
    client.force_login(staff)
    upload = SimpleUploadedFile("p.csv", make_csv([GOOD]).encode())
    location = client.post("/en/cities/espoo/import/", {"file": upload})["Location"]
    client.force_login(make_user("resident"))
    assert client.get(location).status_code == 404


def test_generate_portfolio_command(db):
    call_command("generate_portfolio", count=30, stdout=io.StringIO())
    assert Initiative.objects.filter(city__slug="benchmark-city").count() == 30
