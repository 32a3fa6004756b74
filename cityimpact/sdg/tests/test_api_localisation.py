import datetime as dt

import pytest
from rest_framework.test import APIClient

from cityimpact.portfolio.tests.factories import InitiativeFactory
from cityimpact.sdg.models import Contribution, SdgLink
from cityimpact.sdg.tests.factories import LocalGoalFactory, LocalIndicatorFactory, ReviewFactory

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "resident", "moderator", "city_staff", "sdg_expert", "admin"]


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_link_creation_by_role(make_user, city, role):
    initiative = InitiativeFactory(city=city)
    payload = {
        "initiative": initiative.pk,
        "target": "11.6",
        "kind": "direct",
        "rationale": "Air quality.",
    }
    response = api(make_user(role)).post("/api/v1/sdg/links/", payload, format="json")
    if role in {"city_staff", "sdg_expert", "admin"}:
        assert response.status_code == 201, response.json()
        assert response.json()["created_by"] == f"{role}-espoo"
    else:
        assert response.status_code in (401, 403)
        assert not SdgLink.objects.exists()


def test_link_with_unknown_code_is_400(staff, city):
    goal = LocalGoalFactory(city=city)
    response = api(staff).post(
        "/api/v1/sdg/links/",
        {"local_goal": goal.pk, "target": "11.99", "kind": "direct", "rationale": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert "There is no target 11.99." in str(response.json())


def test_link_needs_exactly_one_source(staff, city):
    response = api(staff).post(
        "/api/v1/sdg/links/", {"target": "11.6", "kind": "direct", "rationale": "x"}, format="json"
    )
    assert response.status_code == 400


def test_local_lists_are_public(client, city):
    LocalGoalFactory(city=city)
    LocalIndicatorFactory(city=city)
    assert client.get("/api/v1/sdg/local-goals/").json()["count"] == 1
    indicator = client.get("/api/v1/sdg/local-indicators/").json()["results"][0]
    assert indicator["status"] == "not_enough_data"


@pytest.mark.parametrize("role", ROLES)
def test_contribution_by_role(make_user, city, role):
    review = ReviewFactory(city=city)
    payload = {
        "review": review.pk,
        "title": "Idea",
        "text": "More trees.",
        "date": "2020-06-01",
        "goal_numbers": [15],
    }
    response = api(make_user(role)).post("/api/v1/sdg/contributions/", payload, format="json")
    if role == "anonymous":
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 201, response.json()
        expected = "pending" if role in {"resident", "moderator"} else "approved"
        assert response.json()["status"] == expected


def test_contribution_errors_are_named(make_user, city):
    review = ReviewFactory(city=city)
    response = api(make_user("resident")).post(
        "/api/v1/sdg/contributions/",
        {
            "review": review.pk,
            "title": "Idea",
            "text": "x",
            "date": "2019-06-01",
            "target_codes": ["1.99"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert {"date", "targets"} <= set(response.json())
    assert not Contribution.objects.exists()


def test_pending_contributions_are_hidden_from_the_public(make_user, city):
    review = ReviewFactory(city=city)
    resident = make_user("resident")
    api(resident).post(
        "/api/v1/sdg/contributions/",
        {
            "review": review.pk,
            "title": "Idea",
            "text": "x",
            "date": dt.date(2020, 6, 1).isoformat(),
            "goal_numbers": [3],
        },
        format="json",
    )
    assert api().get("/api/v1/sdg/contributions/").json()["count"] == 0
    assert api(resident).get("/api/v1/sdg/contributions/").json()["count"] == 1
    assert api(make_user("moderator")).get("/api/v1/sdg/contributions/").json()["count"] == 1


def test_reviews_listed(client, city):
    ReviewFactory(city=city)
    assert client.get("/api/v1/sdg/reviews/").json()["count"] == 1
