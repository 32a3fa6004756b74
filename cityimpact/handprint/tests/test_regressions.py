"""Defects found in review of the handprint app, each pinned by a test."""

import copy
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from cityimpact.core.models import City
from cityimpact.handprint.api.views import EXAMPLE
from cityimpact.handprint.demo import handprint_demo_load
from cityimpact.handprint.models import HandprintAssessment
from cityimpact.handprint.selectors import assessment_result
from cityimpact.portfolio.services.demo import demo_load
from cityimpact.portfolio.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """The values a browser would post from the admin change form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if a.get("type") in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(a.get("value", default) or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


@pytest.fixture
def demo(db):
    demo_load()
    city = City.objects.get(slug="espoo")
    handprint_demo_load(city=city)
    return city


def test_admin_change_of_a_published_assessment_sends_it_back_to_review(client, demo, make_user):
    staff = make_user("city_staff", home_city=demo)
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    assert ev.status == "published"
    before = assessment_result(assessment=ev)["years"][0]["handprint_kgco2e"]
    client.force_login(staff)
    url = f"/en/admin/handprint/handprintassessment/{ev.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = _Form()
    form.feed(page.content.decode())
    data = {k: v for k, v in form.data.items() if k != "csrfmiddlewaretoken"}
    # The scale is a plain field of the assessment: x100.
    data["units_per_year"] = [str(float(data["units_per_year"][0]) * 100)]
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    ev.refresh_from_db()
    after = assessment_result(assessment=ev)["years"][0]["handprint_kgco2e"]
    assert after != before  # the published figure changed...
    assert ev.status != "published"  # ...so it must not stay published without review


def test_admin_links_an_assessment_only_to_own_citys_initiatives(
    client, demo, make_user, other_city
):
    staff = make_user("city_staff", home_city=demo)
    InitiativeFactory(city=other_city, title_en="Vantaa flagship")
    client.force_login(staff)
    page = client.get("/en/admin/handprint/handprintassessment/add/").content.decode()
    assert "Vantaa flagship" not in page


def test_negative_monte_carlo_seed_is_a_400():
    payload = copy.deepcopy(EXAMPLE)
    payload["monte_carlo"] = {"draws": 100, "seed": -1}
    client = APIClient()
    client.raise_request_exception = False
    response = client.post("/api/v1/handprint/calculate", payload, format="json")
    assert response.status_code == 400, response.status_code


def test_overflowing_scale_is_a_400():
    payload = copy.deepcopy(EXAMPLE)
    payload["scaling"] = {"units_per_year": 1e308, "start_year": 2025, "years": 50}
    client = APIClient()
    client.raise_request_exception = False
    response = client.post("/api/v1/handprint/calculate", payload, format="json")
    assert response.status_code in (200, 400), response.status_code


def test_anonymous_api_throttle_is_not_reset_by_x_forwarded_for(monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    client = APIClient()
    codes = [
        client.get("/api/v1/handprint/factors/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(10)
    ]
    cache.clear()
    assert 429 in codes, codes


def test_status_must_be_one_of_the_choices(client, demo, make_user):
    staff = make_user("city_staff", home_city=demo)
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    client.force_login(staff)
    client.post(f"/en/handprint/{ev.pk}/status/", {"status": "bogus"})
    ev.refresh_from_db()
    assert ev.status in HandprintAssessment.Status.values, ev.status


def test_changed_assessment_needs_a_new_review_note_to_be_published_again(client, demo, make_user):
    from cityimpact.handprint.services import assessment_save, assessment_status_set

    staff = make_user("city_staff", home_city=demo)
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    assessment_save(
        actor=staff, city=demo, data={"units_per_year": ev.units_per_year * 100}, assessment=ev
    )
    assert ev.status == "draft"
    assessment_status_set(actor=staff, assessment=ev, status="in_review")
    # No review note given: the note of the review of the *old* figures is reused.
    with pytest.raises(ValidationError):
        assessment_status_set(actor=staff, assessment=ev, status="published")


def test_admin_change_of_an_inventory_line_alone_sends_it_back_to_review(client, demo, make_user):
    # Staff now edit the inventory inline; a changed line changes the published figure too.
    staff = make_user("city_staff", home_city=demo)
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    client.force_login(staff)
    url = f"/en/admin/handprint/handprintassessment/{ev.pk}/change/"
    form = _Form()
    form.feed(client.get(url).content.decode())
    data = {k: v for k, v in form.data.items() if k != "csrfmiddlewaretoken"}
    data["lines-0-amount"] = [str(float(data["lines-0-amount"][0]) * 2)]
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    ev.refresh_from_db()
    assert ev.status != "published"
