"""The public page cache: shared only between anonymous visitors, stale after any write."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from cityimpact.portfolio.services import initiative_update
from cityimpact.portfolio.tests.factories import InitiativeFactory

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


def test_anonymous_page_is_served_from_cache_until_content_changes(
    client, staff, city, django_assert_max_num_queries
):
    initiative = InitiativeFactory(city=city, title_en="Culture Call")
    url = initiative.get_absolute_url()
    assert "Culture Call" in client.get(url).content.decode()
    with django_assert_max_num_queries(1):  # the content version only
        assert "Culture Call" in client.get(url).content.decode()
    initiative_update(actor=staff, initiative=initiative, data={"title_en": "Culture Call 2"})
    assert "Culture Call 2" in client.get(url).content.decode()


def test_signed_in_users_are_never_served_shared_copies(client, staff, city):
    initiative = InitiativeFactory(city=city, title_en="Kera")
    client.get(initiative.get_absolute_url())
    client.force_login(staff)
    content = client.get(initiative.get_absolute_url()).content.decode()
    assert "Sign out" in content
    assert "csrfmiddlewaretoken" in content


def test_anonymous_pages_carry_no_csrf_token(client, city):
    InitiativeFactory(city=city)
    content = client.get("/en/initiatives/").content.decode()
    assert "csrfmiddlewaretoken" not in content
    assert "X-CSRFToken" not in content


def test_htmx_partial_and_full_page_are_cached_apart(client, city):
    InitiativeFactory(city=city)
    full = client.get("/en/initiatives/").content.decode()
    partial = client.get("/en/initiatives/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and "<html" not in partial


def test_api_reads_are_cached_and_invalidated(staff, city):
    initiative = InitiativeFactory(city=city, title_en="SPARCS")
    client = APIClient()
    assert client.get("/api/v1/initiatives/").json()["results"][0]["title_en"] == "SPARCS"
    initiative_update(actor=staff, initiative=initiative, data={"title_en": "SPARCS II"})
    assert client.get("/api/v1/initiatives/").json()["results"][0]["title_en"] == "SPARCS II"
    browsable = client.get("/api/v1/initiatives/", headers={"Accept": "text/html"})
    assert browsable["Content-Type"].startswith("text/html")
    assert client.get("/api/v1/initiatives/")["Content-Type"] == "application/json"


def test_facets_are_shared_by_signed_in_users_until_content_changes(
    client, staff, city, django_assert_max_num_queries
):
    InitiativeFactory(city=city, title_en="Kera")
    client.force_login(staff)
    first = client.get("/en/initiatives/")
    assert "Kera" in first.content.decode()
    with django_assert_max_num_queries(7):  # 15 the first time: no facet queries now
        second = client.get("/en/initiatives/")
    assert second.context["facet_fields"] == first.context["facet_fields"]
    initiative_update(
        actor=staff, initiative=InitiativeFactory(city=city), data={"status": "completed"}
    )
    statuses = {
        o["value"]
        for f in client.get("/en/initiatives/").context["facet_fields"]
        if f["name"] == "status"
        for o in f["options"]
    }
    assert "completed" in statuses
