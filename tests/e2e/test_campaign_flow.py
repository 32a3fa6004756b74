"""A resident signs up and proposes, another supports and comments, a moderator hides a
reported comment, staff answer; script payloads never run in the browser."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import user_create
from cityimpact.campaigns.models import Criterion
from cityimpact.campaigns.tests.factories import CampaignFactory
from cityimpact.core.tests.factories import CityFactory
from tests.e2e.test_portfolio_flows import PASSWORD, sign_in

PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture
def campaign(transactional_db):
    cache.clear()
    espoo = CityFactory(slug="espoo", name_en="Espoo")
    for name, role in (("sami", Role.RESIDENT), ("mona", Role.MODERATOR)):
        user_create(username=name, password=PASSWORD, roles={role})
    user_create(username="sanna", password=PASSWORD, roles={Role.CITY_STAFF}, city=espoo)
    campaign = CampaignFactory(city=espoo, slug="digital-agenda", title_en="Digital Agenda pilots")
    Criterion.objects.create(campaign=campaign, name="Impact", weight=2)
    return campaign


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_propose_support_comment_moderate_answer(page: Page, campaign, live_server):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto("/en/accounts/signup/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("E-mail address").fill("rita@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("status")).to_contain_text("verify your e-mail address")
    page.goto(campaign.get_absolute_url())
    page.get_by_role("button", name="Propose a pilot").click()
    page.get_by_label("Title").fill("Library chatbot " + PAYLOAD)
    page.get_by_label("Description").fill("Answers in many languages. " + PAYLOAD)
    page.get_by_label("The problem it solves").fill("Questions after opening hours.")
    page.get_by_label("Who benefits").fill("Library customers")
    page.get_by_role("button", name="Publish the proposal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Library chatbot")
    proposal_url = page.url
    sign_out(page)

    sign_in(page, "sami")
    page.goto(proposal_url)
    page.get_by_role("button", name="Support").click()
    expect(page.locator(".meta").first).to_contain_text("1 support")
    page.get_by_label("Your comment").fill("Rude words " + PAYLOAD)
    page.get_by_role("button", name="Comment", exact=True).click()
    expect(page.locator(".comment")).to_contain_text("Rude words")
    sign_out(page)

    sign_in(page, "rita")
    page.goto(proposal_url)
    page.locator(".comment").get_by_text("Report", exact=True).click()
    page.locator(".comment").get_by_role("button", name="Report this comment").click()
    expect(page.get_by_role("status")).to_contain_text("A moderator will look at it")
    sign_out(page)

    sign_in(page, "mona")
    page.goto(proposal_url)
    page.locator(".comment").get_by_label("Moderation reason").fill("Insulting language")
    page.locator(".comment").get_by_role("button", name="Hide").click()
    expect(page.get_by_role("status")).to_contain_text("moderation was saved")
    sign_out(page)

    page.goto(proposal_url)
    expect(page.get_by_text("Rude words")).to_have_count(0)

    sign_in(page, "sanna")
    page.goto(proposal_url)
    page.get_by_label("Impact").fill("4")
    page.get_by_role("button", name="Save my evaluation").click()
    expect(page.get_by_role("status")).to_contain_text("evaluation was saved")
    page.get_by_label("Decision").select_option("selected")
    page.get_by_label("Public answer").fill("We will try this in the Sello library.")
    page.get_by_role("button", name="Prepare the answer").click()
    page.goto(campaign.get_absolute_url())
    page.get_by_role("button", name="Publish prepared answers").click()
    page.goto(proposal_url)
    page.get_by_label("Responsible unit").fill("Libraries")
    page.get_by_label("Start").fill("2026-01-01")
    page.get_by_label("End").fill("2026-06-30")
    page.get_by_label("Indicator").fill("Questions answered")
    page.get_by_label("Target").fill("500")
    page.get_by_role("button", name="Start the experiment").click()
    expect(page.get_by_role("status")).to_contain_text("experiment has started")
    page.get_by_text("Publish the results", exact=True).first.click()
    page.get_by_label("What was learned").fill("Residents used the chatbot at night.")
    page.get_by_label("Questions answered: achieved").fill("620")
    page.get_by_role("button", name="Publish the results").click()
    sign_out(page)

    sign_in(page, "rita")
    page.goto(proposal_url)
    expect(page.locator(".answer")).to_contain_text("We will try this in the Sello library.")
    expect(page.locator(".results")).to_contain_text("Residents used the chatbot at night.")
    assert dialogs == []  # no payload ran
