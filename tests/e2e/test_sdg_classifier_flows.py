"""The SDG classifier as staff and residents use it: suggest goals for an initiative and
accept one; upload documents, follow the progress and download the CSV."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page, expect

from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import user_create
from cityimpact.core.tests.factories import CityFactory
from cityimpact.portfolio.tests.factories import InitiativeFactory
from cityimpact.sdg.models import SdgLink
from tests.e2e.test_portfolio_flows import PASSWORD, sign_in


@pytest.fixture
def initiative(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    espoo = CityFactory(slug="espoo", name_en="Espoo", name_fi="Espoo", name_sv="Esbo")
    user_create(username="sanna", password=PASSWORD, roles={Role.CITY_STAFF}, city=espoo)
    user_create(username="riikka", password=PASSWORD, roles={Role.RESIDENT})
    return InitiativeFactory(
        city=espoo,
        title_en="Solar schools",
        summary_en="Solar panels on school roofs and heat pumps replace oil heating, and the "
        "city buys only renewable electricity.",
    )


def test_suggest_and_accept_a_goal(page: Page, initiative):
    sign_in(page, "sanna")
    page.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Suggest SDGs").click()
    expect(page.get_by_text("No suggestions yet")).to_be_visible()
    page.get_by_role("button", name="Suggest SDGs").click()  # HTMX swaps the list in
    energy = page.locator('li.suggestion[data-goal="7"]')
    expect(energy).to_be_visible()
    expect(energy.locator("q").first).to_contain_text("Solar panels")
    energy.get_by_role("button", name="Accept").click()
    expect(energy).to_contain_text("Accepted")
    expect(energy).to_contain_text("by sanna")
    link = SdgLink.objects.get(initiative=initiative)
    assert link.target.goal.number == 7 and link.suggested_by_model

    page.goto(initiative.get_absolute_url())
    expect(page.locator(".sdg-chip", has_text=link.target.code)).to_be_visible()


def test_upload_documents_follow_progress_and_download(page: Page, initiative, tmp_path):
    sign_in(page, "riikka")
    page.goto("/en/sdg/")
    page.get_by_role("link", name="Which goals does a text address?").click()

    page.get_by_label("Text").fill("Kommunen skyddar gammal skog och återställer våtmarker.")
    page.get_by_role("button", name="Classify", exact=True).click()
    expect(page.locator('tr[data-goal="15"]')).to_be_visible()
    expect(page.locator(".evidence-text mark").first).to_contain_text("Kommunen")

    first, second = tmp_path / "nature.txt", tmp_path / "energy.txt"
    first.write_text("Niittyjen ennallistaminen turvaa uhanalaisten lajien elinympäristöjä.")
    second.write_text("Aurinkopaneelit ja lämpöpumput korvaavat öljylämmityksen kouluissa.")
    page.get_by_label("Documents (PDF, DOCX or TXT)").set_input_files([str(first), str(second)])
    page.get_by_role("button", name="Classify in the background").click()
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "100")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Open the result").click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text())))
    assert [row["document"] for row in rows] == ["nature.txt", "energy.txt"]
    assert "15" in rows[0]["goals"].split() and "7" in rows[1]["goals"].split()
