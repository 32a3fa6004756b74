"""The review as people do it: a resident contributes, a moderator approves, an expert
evaluates, staff generate the report and open the PDF; the wheel in Finnish and Swedish."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import user_create
from cityimpact.core.tests.factories import CityFactory
from cityimpact.sdg.tests.factories import ReviewFactory
from tests.e2e.test_portfolio_flows import PASSWORD, sign_in


@pytest.fixture
def review(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    espoo = CityFactory(slug="espoo", name_en="Espoo", name_fi="Espoo", name_sv="Esbo")
    for username, role in (
        ("riikka", Role.RESIDENT),
        ("mona", Role.MODERATOR),
        ("eero", Role.SDG_EXPERT),
    ):
        user_create(username=username, password=PASSWORD, roles={role})
    user_create(username="sanna", password=PASSWORD, roles={Role.CITY_STAFF}, city=espoo)
    return ReviewFactory(city=espoo, slug="vlr-2020", title_en="Espoo VLR 2020")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_contribute_moderate_evaluate_report(page: Page, review, live_server):
    url = review.get_absolute_url()

    sign_in(page, "riikka")
    page.goto(url)
    page.get_by_role("button", name="Contribute").click()
    page.get_by_label("Title").fill("Gardens in every school")
    page.get_by_label("Description").fill("Our school grows vegetables with the daycare next door.")
    page.get_by_label("Date").fill("2020-05-04")
    page.get_by_label("4. Quality education").check()
    page.get_by_label("Target codes").fill("4.7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("once a moderator has checked it")
    sign_out(page)

    page.goto(url)
    expect(page.get_by_text("Gardens in every school")).to_have_count(0)  # not public yet

    sign_in(page, "mona")
    page.goto(url)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("moderated")
    sign_out(page)

    sign_in(page, "eero")
    page.goto(url)
    page.get_by_label("Your score").select_option("2")
    page.get_by_label("Comment").fill("Clear link to education for sustainable development.")
    page.get_by_role("button", name="Save the evaluation").click()
    expect(page.locator(".contribution")).to_contain_text("2/3")
    sign_out(page)

    sign_in(page, "sanna")
    page.goto(url)
    page.get_by_role("button", name="Generate the PDF report").click()
    link = page.get_by_role("button", name="Open the result")
    expect(link).to_be_visible(timeout=30_000)
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Espoo VLR 2020" in text
    assert "Gardens in every school" in text


@pytest.mark.parametrize(
    ("language", "goal_name"), [("fi", "Hyvä koulutus"), ("sv", "God utbildning för alla")]
)
def test_wheel_and_goal_page_in_finnish_and_swedish(
    page: Page, transactional_db, live_server, language, goal_name
):
    page.goto(f"/{language}/sdg/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("svg.sdg-wheel path")).to_have_count(17)
    page.get_by_role("link", name=goal_name).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(goal_name)
    expect(page.locator(".fallback").first).to_be_visible()  # target texts exist in English only
