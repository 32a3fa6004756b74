"""Defects found in review, each pinned by a test."""

import base64
import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from cityimpact.core.caching import cached_response_get, cached_response_key, cached_response_set
from cityimpact.core.models import AuditLogEntry, ContentVersion
from cityimpact.portfolio.models import Initiative
from cityimpact.portfolio.selectors import initiative_related
from cityimpact.portfolio.services.demo import demo_load
from cityimpact.portfolio.services.imports import initiatives_import_csv
from cityimpact.portfolio.tests.factories import (
    InitiativeFactory,
    OrganisationFactory,
    OutcomeFactory,
    ParticipationFactory,
    ThemeFactory,
)
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_outcome_edited_on_the_page_is_audited_and_stales_the_cache(
    client, staff, city, django_capture_on_commit_callbacks
):
    outcome = OutcomeFactory(initiative=InitiativeFactory(city=city), metric_en="Mentors", value=90)
    client.force_login(staff)
    url = f"/en/initiatives/espoo/{outcome.initiative.slug}/outcomes/{outcome.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"metric_en": "Mentors", "value": "94", "qualifier": "exact"})
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get()
    assert entry.changes["value"] == ["90.00", "94"]
    assert ContentVersion.objects.get().version >= 1


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_a_response_that_issued_a_csrf_token_is_not_shared():
    cache.clear()
    request = RequestFactory().get("/en/initiatives/")
    request.user = AnonymousUser()
    key = cached_response_key(request, variant="page")
    get_token(request)  # the page rendered a form: this visitor's token is in it
    cached_response_set(key, HttpResponse("<form>token</form>"), request)
    assert cached_response_get(key) is None
    plain = RequestFactory().get("/en/initiatives/")
    plain.user = AnonymousUser()
    cached_response_set(key, HttpResponse("<p>public</p>"), plain)
    assert cached_response_get(key) is not None
    cache.clear()


def test_import_leaves_columns_that_are_not_in_the_file(staff, city):
    theme = ThemeFactory(slug="climate")
    initiative = InitiativeFactory(
        city=city, slug="kera", title_en="Kera", themes=[theme], start_year=2019
    )
    ParticipationFactory(initiative=initiative, organisation=OrganisationFactory(slug="nokia"))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(
        [
            ["city", "slug", "title_en", "summary_en"],
            ["espoo", "kera", "Kera district", "New summary."],
        ]
    )
    initiatives_import_csv(actor=staff, content=buffer.getvalue())
    initiative.refresh_from_db()
    assert initiative.title_en == "Kera district"
    assert initiative.start_year == 2019
    assert list(initiative.themes.all()) == [theme]
    assert initiative.participations.count() == 1
    assert initiative.title_fi  # the Finnish title was not wiped


def test_api_basic_auth_shares_the_sign_in_limit(staff, city):
    cache.clear()
    client = APIClient()

    def basic(password):
        token = base64.b64encode(f"{staff.username}:{password}".encode()).decode()
        return {"HTTP_AUTHORIZATION": f"Basic {token}"}

    for _ in range(5):
        assert client.get("/api/v1/cities/", **basic("wrong")).status_code in (401, 403)
    assert client.get("/api/v1/cities/", **basic(PASSWORD)).status_code == 429
    cache.clear()


def test_too_long_place_name_is_a_clear_error(staff, city):
    client = APIClient()
    client.force_authenticate(staff)
    response = client.post(
        "/api/v1/initiatives/",
        {"city": "espoo", "title_en": "X", "summary_en": "Y", "places": ["K" * 200]},
        format="json",
    )
    assert response.status_code == 400
    assert "places" in response.json()
    assert not Initiative.objects.exists()


def test_related_initiatives_found_by_theme_alone(city):
    theme = ThemeFactory()
    first = InitiativeFactory(city=city, themes=[theme])
    second = InitiativeFactory(city=city, themes=[theme])
    assert initiative_related(initiative=first) == [second]


def test_demo_loader_does_not_bring_back_deleted_initiatives(db):
    demo_load()
    Initiative.objects.filter(slug="culture-call").delete()
    demo_load()
    assert not Initiative.objects.filter(slug="culture-call").exists()
