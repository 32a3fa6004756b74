"""Staff build a handprint assessment in the wizard, see the result and the tornado chart,
publish it after review, and a visitor sees it on the initiative page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import user_create
from cityimpact.core.tests.factories import CityFactory
from cityimpact.handprint.services import factor_library_load
from cityimpact.portfolio.tests.factories import InitiativeFactory
from tests.e2e.test_portfolio_flows import PASSWORD, sign_in


@pytest.fixture
def initiative(transactional_db):
    factor_library_load()  # flushed by earlier browser tests' transactions
    espoo = CityFactory(slug="espoo", name_en="Espoo")
    user_create(username="hanna", password=PASSWORD, roles={Role.CITY_STAFF}, city=espoo)
    return InitiativeFactory(city=espoo, slug="biogas", title_en="Local biogas ecosystem")


def fill_line(page: Page, index: int, system: str, factor_key: str) -> None:
    line = page.locator("fieldset.inventory-line").nth(index)
    line.get_by_label("System").select_option(system)
    line.get_by_label("Stage").select_option("use")
    option = page.locator(f"#id_lines-{index}-factor option", has_text=factor_key).first
    line.get_by_label("Factor").select_option(label=option.inner_text())
    line.get_by_label("Amount").fill("1")
    line.get_by_label("Unit", exact=True).fill("MJ")
    if system == "solution":
        line.get_by_label("Uncertainty").select_option("uniform")
        line.get_by_label("Low", exact=True).fill("0.8")
        line.get_by_label("High", exact=True).fill("1.3")


def test_build_review_publish_and_show(page: Page, initiative, live_server):
    sign_in(page, "hanna")
    page.goto("/en/handprint/")
    page.get_by_role("button", name="New assessment").click()
    page.get_by_label("Title [en]").fill("Biogas buses")
    page.get_by_label("Functional unit [en]").fill("1 MJ of bus fuel")
    page.get_by_label("Baseline [en]").fill("Fossil diesel")
    page.get_by_label("Solution [en]").fill("Biogas")
    page.get_by_label("System boundary [en]").fill("Well to wheel")
    page.get_by_label("Data year").fill("2022")
    page.get_by_label("Mechanism").select_option("projects")
    page.get_by_label("Functional units per year").fill("1000000")
    page.get_by_label("First year").fill("2025")
    page.get_by_label("Initiatives").select_option(label="Local biogas ecosystem")
    page.get_by_role("button", name="Next: inventory").click()

    fill_line(page, 0, "baseline", "diesel_fossil_wtw")
    fill_line(page, 1, "solution", "biogas_vehicle")
    page.get_by_role("button", name="Save and see the result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Biogas buses")
    expect(page.locator(".figures")).to_contain_text("0.0674")
    expect(page.locator("#chart-tornado")).to_be_attached()
    expect(page.get_by_role("img", name="Tornado chart", exact=False)).to_be_visible()

    page.get_by_role("button", name="Send for review").click()
    page.get_by_label("Review").fill("Checked by the climate unit.")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("Published")

    page.get_by_role("button", name="Sign out").click()
    page.goto(initiative.get_absolute_url())
    expect(page.get_by_role("link", name="Biogas buses")).to_be_visible()
