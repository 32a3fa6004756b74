import re

import pytest
from django.core.management import call_command

from cityimpact.sdg.models import Goal, Indicator, Target

pytestmark = pytest.mark.django_db


def test_migration_loaded_the_framework():
    assert (Goal.objects.count(), Target.objects.count(), Indicator.objects.count()) == (
        17,
        169,
        251,
    )


def test_loading_again_changes_nothing(capsys):
    call_command("load_sdg_framework")
    assert "0 new rows" in capsys.readouterr().out
    assert Target.objects.count() == 169


def test_wheel_in_three_languages(client):
    assert "No poverty" in client.get("/en/sdg/").content.decode()
    assert "Ei köyhyyttä" in client.get("/fi/sdg/").content.decode()
    assert "Ingen fattigdom" in client.get("/sv/sdg/").content.decode()


def test_wheel_coordinates_use_a_decimal_point_in_finnish(client):
    content = client.get("/fi/sdg/").content.decode()
    assert not re.search(r'x="\d+,\d+"', content)


def test_goal_page_marks_english_fallback(client):
    content = client.get("/fi/sdg/goals/11/").content.decode()
    assert "Kestävät kaupungit ja yhteisöt" in content
    assert 'lang="en"' in content  # the long title and targets exist only in English
    english = client.get("/en/sdg/goals/11/").content.decode()
    assert 'class="fallback"' not in english


def test_target_and_indicator_pages(client):
    assert "11.6.1" in client.get("/en/sdg/targets/11.6/").content.decode()
    content = client.get("/en/sdg/indicators/1.5.1/").content.decode()
    assert "11.5.1" in content and "13.1.1" in content  # the same indicator elsewhere


@pytest.mark.parametrize(
    "url", ["/en/sdg/goals/18/", "/en/sdg/targets/99.9/", "/en/sdg/indicators/x/"]
)
def test_unknown_codes_are_404(client, url):
    assert client.get(url).status_code == 404


def test_api_lists_are_paginated_with_count(client):
    goals = client.get("/api/v1/sdg/goals/").json()
    assert goals["count"] == 17
    targets = client.get("/api/v1/sdg/targets/").json()
    assert targets["count"] == 169 and len(targets["results"]) == 25 and targets["next"]
    assert client.get("/api/v1/sdg/indicators/").json()["count"] == 251


def test_api_filters_and_lookups(client):
    assert client.get("/api/v1/sdg/targets/", {"goal": 11}).json()["count"] == 10
    indicators = client.get("/api/v1/sdg/indicators/", {"target": "11.6"}).json()
    assert [i["code"] for i in indicators["results"]] == ["11.6.1", "11.6.2"]
    target = client.get("/api/v1/sdg/targets/11.a/").json()
    assert target["goal"] == 11 and target["title_fi"] is None


def test_api_is_read_only(client, admin_user):
    client.force_login(admin_user)
    assert client.post("/api/v1/sdg/goals/", {"number": 18}).status_code == 405


def test_api_in_schema(client):
    schema = client.get("/api/v1/schema/").content.decode()
    for path in ("/api/v1/sdg/goals/", "/api/v1/sdg/targets/", "/api/v1/sdg/indicators/"):
        assert path in schema


def test_goal_list_query_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/sdg/targets/")
