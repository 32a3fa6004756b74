"""The API for every endpoint and role: who may read, who may write what."""

import pytest
from rest_framework.test import APIClient

from cityimpact.core.models import AuditLogEntry
from cityimpact.portfolio.models import Initiative, Outcome
from cityimpact.portfolio.tests.factories import (
    AdoptionFactory,
    InitiativeFactory,
    NetworkFactory,
    OrganisationFactory,
    OutcomeFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "moderator", "city_staff", "sdg_expert", "admin"]
EDITORS = {"city_staff", "admin"}


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def data(city):
    theme = ThemeFactory(slug="climate-change")
    initiative = InitiativeFactory(city=city, slug="sparcs", title_en="SPARCS", themes=[theme])
    OutcomeFactory(initiative=initiative)
    AdoptionFactory(initiative=initiative)
    OrganisationFactory(slug="vtt")
    ProgrammeFactory(slug="horizon-2020")
    NetworkFactory(slug="eurocities")
    return initiative


ENDPOINTS = [
    "initiatives",
    "organisations",
    "programmes",
    "cities",
    "networks",
    "outcomes",
    "adoptions",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_everyone_reads_every_endpoint(make_user, data, role, endpoint):
    response = client_for(make_user(role)).get(f"/api/v1/{endpoint}/")
    assert response.status_code == 200
    assert response.json()["count"] >= 1


@pytest.mark.parametrize("role", ROLES)
def test_initiative_create_by_role(make_user, data, role):
    payload = {
        "city": "espoo",
        "title_en": "Culture Call",
        "summary_en": "Art and culture for every child in day care.",
        "themes": ["climate-change"],
        "partners": [{"organisation": "vtt", "role": "coordinator"}],
        "places": ["Tapiola"],
    }
    response = client_for(make_user(role)).post("/api/v1/initiatives/", payload, format="json")
    if role in EDITORS:
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["slug"] == "culture-call"
        assert body["partners"] == [{"organisation": "vtt", "role": "coordinator"}]
        assert body["places"] == ["Tapiola"]
    else:
        assert response.status_code in (401, 403)
        assert not Initiative.objects.filter(title_en="Culture Call").exists()


@pytest.mark.parametrize("role", ROLES)
def test_initiative_update_by_role(make_user, data, role):
    response = client_for(make_user(role)).patch(
        f"/api/v1/initiatives/{data.pk}/", {"title_en": "SPARCS Espoo"}, format="json"
    )
    data.refresh_from_db()
    if role in EDITORS:
        assert response.status_code == 200
        assert data.title_en == "SPARCS Espoo"
        assert AuditLogEntry.objects.filter(action="update").exists()
    else:
        assert response.status_code in (401, 403)
        assert data.title_en == "SPARCS"


@pytest.mark.parametrize("role", ROLES)
def test_initiative_delete_by_role(make_user, data, role):
    response = client_for(make_user(role)).delete(f"/api/v1/initiatives/{data.pk}/")
    if role in EDITORS:
        assert response.status_code == 204
        assert not Initiative.objects.filter(pk=data.pk).exists()
    else:
        assert response.status_code in (401, 403)
        assert Initiative.objects.filter(pk=data.pk).exists()


def test_staff_of_other_city_cannot_write(other_staff, data):
    client = client_for(other_staff)
    assert (
        client.patch(
            f"/api/v1/initiatives/{data.pk}/", {"title_en": "x"}, format="json"
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/initiatives/{data.pk}/").status_code == 403
    payload = {"city": "espoo", "title_en": "x", "summary_en": "y"}
    assert client.post("/api/v1/initiatives/", payload, format="json").status_code == 403
    outcome = {"initiative": data.pk, "metric_en": "x", "value": "1"}
    assert client.post("/api/v1/outcomes/", outcome, format="json").status_code == 403


def test_initiative_cannot_move_city(staff, other_city, data):
    response = client_for(staff).patch(
        f"/api/v1/initiatives/{data.pk}/", {"city": other_city.slug}, format="json"
    )
    assert response.status_code == 400


def test_validation_errors_name_the_field(staff, data):
    response = client_for(staff).post(
        "/api/v1/initiatives/",
        {
            "city": "espoo",
            "title_en": "Bad period",
            "summary_en": "x",
            "start_year": 2022,
            "end_year": 2020,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "end_year" in response.json()
    response = client_for(staff).post(
        "/api/v1/initiatives/", {"city": "espoo", "themes": ["nope"]}, format="json"
    )
    assert response.status_code == 400
    assert {"title_en", "summary_en", "themes"} <= set(response.json())


@pytest.mark.parametrize("role", ROLES)
def test_outcome_write_by_role(make_user, data, role):
    payload = {"initiative": data.pk, "metric_en": "Mentors", "value": "94", "year": 2022}
    response = client_for(make_user(role)).post("/api/v1/outcomes/", payload, format="json")
    if role in EDITORS:
        assert response.status_code == 201
    else:
        assert response.status_code in (401, 403)
        assert not Outcome.objects.filter(metric_en="Mentors").exists()


@pytest.mark.parametrize("role", ROLES)
def test_organisation_write_by_role(make_user, data, role):
    payload = {"slug": "aalto", "name_en": "Aalto University", "kind": "university"}
    response = client_for(make_user(role)).post("/api/v1/organisations/", payload, format="json")
    assert response.status_code in ({201} if role in EDITORS else {401, 403})


@pytest.mark.parametrize("role", ROLES)
def test_city_write_only_admin(make_user, data, role):
    payload = {"slug": "tartu", "name_en": "Tartu", "country": "EE"}
    response = client_for(make_user(role)).post("/api/v1/cities/", payload, format="json")
    if role == "admin":
        assert response.status_code == 201
    else:
        assert response.status_code in (401, 403)


@pytest.mark.parametrize("role", ROLES)
def test_programme_and_network_write_by_role(make_user, data, role):
    client = client_for(make_user(role))
    programme = client.post(
        "/api/v1/programmes/", {"slug": "urbact", "name_en": "URBACT", "kind": "eu"}, format="json"
    )
    network = client.patch("/api/v1/networks/eurocities/", {"name_en": "EUROCITIES"}, format="json")
    expected = {201, 200} if role in EDITORS else {401, 403}
    assert programme.status_code in expected and network.status_code in expected


@pytest.mark.parametrize("role", ROLES)
def test_adoption_write_by_role(make_user, data, role):
    payload = {
        "initiative": data.pk,
        "region_en": "Other Finnish cities",
        "how_en": "Ministry programme",
    }
    response = client_for(make_user(role)).post("/api/v1/adoptions/", payload, format="json")
    assert response.status_code in ({201} if role in EDITORS else {401, 403})


def test_adoption_needs_someone_who_adopted(staff, data):
    response = client_for(staff).post(
        "/api/v1/adoptions/", {"initiative": data.pk, "how_en": "Somehow"}, format="json"
    )
    assert response.status_code == 400


def test_filters_and_search(client, data, city):
    InitiativeFactory(city=city, slug="ai-day", title_en="AI Day", start_year=2021, end_year=2021)
    assert client.get("/api/v1/initiatives/", {"theme": "climate-change"}).json()["count"] == 1
    assert client.get("/api/v1/initiatives/", {"q": "ai day"}).json()["count"] == 1
    assert client.get("/api/v1/initiatives/", {"year": 2021}).json()["count"] == 2
    assert client.get("/api/v1/initiatives/", {"status": "completed"}).json()["count"] == 0


def test_language_follows_accept_language(client, data):
    body = client.get(f"/api/v1/initiatives/{data.pk}/", headers={"Accept-Language": "fi"}).json()
    assert body["title"] == "Hanke SPARCS"
    assert body["title_sv"] == "Projekt SPARCS"


def test_list_query_count_is_constant(client, city, django_assert_max_num_queries):
    theme = ThemeFactory()
    InitiativeFactory.create_batch(25, city=city, themes=[theme])
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/initiatives/")
    assert len(response.json()["results"]) == 25


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in [
        "/api/v1/initiatives/",
        "/api/v1/organisations/",
        "/api/v1/outcomes/",
        "/api/v1/initiatives/import/",
    ]:
        assert path in text
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()  # assets come from the sidecar: offline
