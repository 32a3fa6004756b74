"""The flows a person uses: browse and search in three languages; staff edit; refusal."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import user_create
from cityimpact.core.tests.factories import CityFactory, OrganisationFactory
from cityimpact.portfolio.tests.factories import (
    InitiativeFactory,
    OutcomeFactory,
    ParticipationFactory,
    ThemeFactory,
)

PASSWORD = "correct horse battery"


@pytest.fixture
def portfolio(transactional_db):
    espoo = CityFactory(slug="espoo", name_en="Espoo", name_fi="Espoo", name_sv="Esbo")
    climate = ThemeFactory(
        slug="climate-change",
        name_en="Climate change",
        name_fi="Ilmastonmuutos",
        name_sv="Klimatförändring",
    )
    digital = ThemeFactory(
        slug="digitalisation",
        name_en="Digitalisation",
        name_fi="Digitalisaatio",
        name_sv="Digitalisering",
    )
    gardening = InitiativeFactory(
        city=espoo,
        slug="urban-food-gardening",
        title_en="Urban food gardening in daycare",
        title_fi="Kaupunkiviljely päiväkodeissa",
        title_sv="Stadsodling på daghem",
        summary_en="Children grow vegetables with their educators.",
        themes=[climate],
    )
    OutcomeFactory(
        initiative=gardening, metric_en="Daycare centres in the pilot", value=55, year=2018
    )
    ParticipationFactory(
        initiative=gardening,
        organisation=OrganisationFactory(slug="reuse-centre", name_en="Reuse Centre"),
    )
    InitiativeFactory(city=espoo, slug="ai-day", title_en="AI Day", themes=[digital])
    InitiativeFactory(
        city=espoo, slug="digital-agenda", title_en="Digital Agenda", themes=[digital]
    )
    return gardening


def sign_in(page: Page, username: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=f"Sign out {username}")).to_be_visible()


def test_browse_filter_search_open_and_switch_language(page: Page, portfolio):
    page.goto("/en/")
    page.get_by_role("link", name="Initiatives", exact=True).first.click()
    expect(page.locator("#result-count")).to_contain_text("3 initiatives")

    page.get_by_label("Theme").select_option("digitalisation")
    expect(page.locator("#result-count")).to_contain_text("2 initiatives")
    expect(page).to_have_url(re.compile(r"theme=digitalisation"))

    page.get_by_label("Theme").select_option("")
    page.get_by_role("searchbox", name="Search initiatives").fill("gardening")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#result-count")).to_contain_text("1 initiative")

    page.get_by_role("link", name="Urban food gardening in daycare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Urban food gardening in daycare")
    expect(page.get_by_role("cell", name="Daycare centres in the pilot")).to_be_visible()

    page.get_by_role("link", name="Suomi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaupunkiviljely päiväkodeissa")
    expect(page).to_have_url(re.compile(r"/fi/initiatives/espoo/urban-food-gardening/"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")

    page.get_by_role("link", name="Svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadsodling på daghem")
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_staff_edits_initiative_and_sees_audit_entry(page: Page, portfolio):
    user_create(username="anna", password=PASSWORD, roles={Role.CITY_STAFF}, city=portfolio.city)
    sign_in(page, "anna")
    page.goto(portfolio.get_absolute_url())
    page.get_by_role("button", name="Edit", exact=True).click()
    page.get_by_label("Title [en]").fill("Urban food gardening for all ages")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Urban food gardening for all ages")
    expect(page.get_by_role("status")).to_contain_text("Your changes were saved.")

    page.get_by_role("button", name="History").click()
    entry = page.locator("table.audit tbody tr").first
    expect(entry).to_contain_text("anna")
    expect(entry).to_contain_text("Urban food gardening for all ages")
    expect(entry).to_contain_text("Urban food gardening in daycare")


def test_staff_of_another_city_is_refused(page: Page, portfolio):
    vantaa = CityFactory(slug="vantaa", name_en="Vantaa")
    user_create(username="ville", password=PASSWORD, roles={Role.CITY_STAFF}, city=vantaa)
    sign_in(page, "ville")
    page.goto(portfolio.get_absolute_url())
    expect(page.get_by_role("button", name="Edit", exact=True)).to_have_count(0)
    response = page.goto(portfolio.get_absolute_url() + "edit/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
