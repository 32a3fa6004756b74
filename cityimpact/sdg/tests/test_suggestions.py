"""Suggested SDG links on initiatives, local goals and indicators, proposals and review
contributions: who may ask and decide, and what an accepted suggestion leaves behind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory
from cityimpact.portfolio.tests.factories import InitiativeFactory
from cityimpact.sdg.models import Contribution, SdgLink, SdgSuggestion
from cityimpact.sdg.permissions import can_review_suggestions
from cityimpact.sdg.selectors import suggestion_source_get
from cityimpact.sdg.services.classification import classifier_get
from cityimpact.sdg.services.suggestions import suggestion_decide, suggestions_refresh
from cityimpact.sdg.tests.factories import LocalGoalFactory, ReviewFactory

pytestmark = pytest.mark.django_db

ENERGY = (
    "Solar panels on school roofs and heat pumps replace oil heating; the city buys only "
    "renewable electricity and helps housing companies save energy."
)


@pytest.fixture
def initiative(city):
    return InitiativeFactory(city=city, title_en="Solar schools", summary_en=ENERGY)


def _source(kind, obj):
    return suggestion_source_get(source_type=kind, source_id=obj.pk)


EXPECTED = {
    "anonymous": False,
    "resident": False,
    "moderator": False,
    "city_staff": True,
    "sdg_expert": True,
    "admin": True,
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_who_may_ask_and_decide(make_user, city, other_city, role, client, initiative):
    user = make_user(role)
    assert can_review_suggestions(user=user, city_id=city.pk) is EXPECTED[role]
    if user is not None:
        client.force_login(user)
    page = client.get(reverse("sdg:suggest", kwargs={"source": "initiative", "pk": initiative.pk}))
    if role == "anonymous":
        assert page.status_code == 302 and "/login" in page["Location"]
    else:
        assert page.status_code == (200 if EXPECTED[role] else 403)


def test_staff_of_another_city_may_not(other_staff, initiative):
    assert not can_review_suggestions(user=other_staff, city_id=initiative.city_id)
    with pytest.raises(PermissionDenied):
        suggestions_refresh(actor=other_staff, source=_source("initiative", initiative))


def test_accepting_makes_a_link_that_remembers_the_suggestion(staff, initiative, client):
    client.force_login(staff)
    url = reverse("sdg:suggest", kwargs={"source": "initiative", "pk": initiative.pk})
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    suggestion = SdgSuggestion.objects.get(source_id=initiative.pk, goal__number=7)
    assert suggestion.status == SdgSuggestion.Status.PENDING
    assert suggestion.model_version == classifier_get().version
    assert suggestion.target is not None and suggestion.target.goal.number == 7
    assert any(e["text"] == ENERGY for e in suggestion.evidence)
    assert b"Accept" in response.content

    decide = reverse("sdg:suggestion_decide", kwargs={"pk": suggestion.pk})
    response = client.post(decide, {"decision": "accept", "target": "7.2", "kind": "direct"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    link = SdgLink.objects.get(initiative=initiative)
    assert (link.target.code, link.kind) == ("7.2", SdgLink.Kind.DIRECT)
    assert link.suggested_by_model == suggestion.model_version
    assert link.created_by == staff and "classifier" in link.rationale
    assert suggestion.status == SdgSuggestion.Status.ACCEPTED
    assert (suggestion.decided_by, suggestion.link) == (staff, link)
    assert client.get(f"/api/v1/sdg/links/{link.pk}/").json()["suggested_by_model"] == (
        suggestion.model_version
    )
    assert "suggested by the classifier" in client.get(reverse("sdg:local")).content.decode()

    # Deciding twice is refused; asking again keeps the decision.
    with pytest.raises(ValidationError, match="already been decided"):
        suggestion_decide(
            actor=staff,
            source=_source("initiative", initiative),
            suggestion=suggestion,
            accept=False,
        )
    suggestions_refresh(actor=staff, source=_source("initiative", initiative))
    suggestion.refresh_from_db()
    assert suggestion.status == SdgSuggestion.Status.ACCEPTED


def test_a_target_of_another_goal_is_refused(staff, initiative):
    source = _source("initiative", initiative)
    suggestions_refresh(actor=staff, source=source)
    suggestion = SdgSuggestion.objects.get(source_id=initiative.pk, goal__number=7)
    with pytest.raises(ValidationError, match="not a target of this goal"):
        suggestion_decide(
            actor=staff, source=source, suggestion=suggestion, accept=True, target_code="4.1"
        )
    assert not SdgLink.objects.exists()


def test_rejecting_links_nothing_and_stale_suggestions_go(staff, initiative):
    source = _source("initiative", initiative)
    suggestions_refresh(actor=staff, source=source)
    suggestion = SdgSuggestion.objects.get(source_id=initiative.pk, goal__number=7)
    suggestion_decide(actor=staff, source=source, suggestion=suggestion, accept=False)
    assert not SdgLink.objects.exists()
    # The text changes to something about no goal: pending suggestions go, decisions stay.
    initiative.title_en, initiative.summary_en = "Office hours", "The office is open on Monday."
    initiative.save()
    suggestions_refresh(actor=staff, source=_source("initiative", initiative))
    left = SdgSuggestion.objects.filter(source_id=initiative.pk)
    assert [s.status for s in left] == [SdgSuggestion.Status.REJECTED]


def test_a_local_goal_gets_a_link(staff, city):
    goal = LocalGoalFactory(
        city=city,
        title_en="Every child learns to read",
        description_en="Reading support in schools.",
    )
    source = _source("local_goal", goal)
    suggestions = suggestions_refresh(actor=staff, source=source)
    education = next(s for s in suggestions if s.goal.number == 4)
    suggestion_decide(actor=staff, source=source, suggestion=education, accept=True)
    assert SdgLink.objects.get(local_goal=goal).target.goal.number == 4


def test_a_proposal_gets_the_goal(staff, city):
    proposal = ProposalFactory(
        campaign=CampaignFactory(city=city),
        title="Solar panels for our housing company",
        problem="Electricity is expensive and comes from fossil fuels.",
        description="A joint tender for solar panels and heat pumps in the neighbourhood.",
    )
    source = _source("proposal", proposal)
    suggestions = suggestions_refresh(actor=staff, source=source)
    energy = next(s for s in suggestions if s.goal.number == 7)
    suggestion_decide(actor=staff, source=source, suggestion=energy, accept=True)
    assert list(proposal.goals.values_list("number", flat=True)) == [7]


def test_a_contribution_gets_the_goal_and_target(staff, city):
    review = ReviewFactory(city=city)
    contribution = Contribution.objects.create(
        review=review,
        group="partner",
        title="Wetland restoration",
        text="We restored two wetlands and a meadow to protect endangered species and birds.",
        date=dt.date(2025, 5, 1),
    )
    source = _source("contribution", contribution)
    suggestions = suggestions_refresh(actor=staff, source=source)
    nature = next(s for s in suggestions if s.goal.number == 15)
    suggestion_decide(actor=staff, source=source, suggestion=nature, accept=True)
    assert list(contribution.goals.values_list("number", flat=True)) == [15]
    assert contribution.targets.get().goal.number == 15


def test_unknown_sources_are_not_found(staff, client):
    client.force_login(staff)
    for source, pk in (("initiative", 999999), ("planet", 1)):
        url = reverse("sdg:suggest", kwargs={"source": source, "pk": pk})
        assert client.get(url).status_code == 404


def test_the_demo_suggests_goals_for_the_portfolio_once_and_marks_reviewed_ones():
    from cityimpact.portfolio.services.demo import demo_load
    from cityimpact.sdg.services.demo import sdg_demo_load
    from cityimpact.sdg.services.suggestions import suggestions_demo_load

    demo_load()
    espoo = InitiativeFactory._meta.model.objects.first().city
    sdg_demo_load(city=espoo)
    made = suggestions_demo_load(city=espoo)
    assert made >= 20  # most of the 30 initiatives get at least one goal
    suggestions = SdgSuggestion.objects.filter(city=espoo)
    reviewed = suggestions.filter(status=SdgSuggestion.Status.ACCEPTED)
    assert reviewed.exists() and suggestions.filter(status=SdgSuggestion.Status.PENDING).exists()
    for suggestion in reviewed:
        assert suggestion.link.initiative_id == suggestion.source_id
        assert suggestion.link.target.goal_id == suggestion.goal_id
    assert suggestions_demo_load(city=espoo) == 0


def test_a_decision_is_in_the_deciders_data_and_outlives_the_account(staff, initiative):
    from cityimpact.sdg.personal_data import sdg_personal_data

    source = _source("initiative", initiative)
    suggestions_refresh(actor=staff, source=source)
    suggestion = SdgSuggestion.objects.get(source_id=initiative.pk, goal__number=7)
    suggestion_decide(actor=staff, source=source, suggestion=suggestion, accept=False)
    (decision,) = sdg_personal_data(staff)["suggestion_decisions"]
    assert (decision["goal"], decision["status"]) == (7, "rejected")
    staff.delete()
    suggestion.refresh_from_db()
    assert suggestion.status == SdgSuggestion.Status.REJECTED and suggestion.decided_by is None


def test_experts_review_initiatives_but_not_campaign_proposals(make_user, city, client):
    expert = make_user("sdg_expert")
    proposal = ProposalFactory(campaign=CampaignFactory(city=city), title="Solar roofs")
    assert not can_review_suggestions(user=expert, city_id=city.pk, source_type="proposal")
    assert can_review_suggestions(user=expert, city_id=city.pk, source_type="initiative")
    client.force_login(expert)
    url = reverse("sdg:suggest", kwargs={"source": "proposal", "pk": proposal.pk})
    assert client.get(url).status_code == 403


def test_a_garbled_decision_changes_nothing(staff, initiative, client):
    suggestions_refresh(actor=staff, source=_source("initiative", initiative))
    suggestion = SdgSuggestion.objects.get(source_id=initiative.pk, goal__number=7)
    client.force_login(staff)
    decide = reverse("sdg:suggestion_decide", kwargs={"pk": suggestion.pk})
    for data in ({}, {"decision": "maybe"}, {"decision": "accept", "kind": "sideways"}):
        response = client.post(decide, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 400
        assert "Choose to accept or reject" in response.content.decode()  # shown in the partial
    suggestion.refresh_from_db()
    assert suggestion.status == SdgSuggestion.Status.PENDING
    assert client.post(reverse("sdg:suggestion_decide", kwargs={"pk": 999999})).status_code == 404


def test_a_published_reviews_contributions_do_not_change(staff, city):
    review = ReviewFactory(city=city, phase="published")
    contribution = Contribution.objects.create(
        review=review,
        group="partner",
        title="Wetland restoration",
        text="We restored two wetlands to protect endangered species and birds.",
        date=dt.date(2025, 5, 1),
    )
    source = _source("contribution", contribution)
    nature = next(s for s in suggestions_refresh(actor=staff, source=source) if s.goal.number == 15)
    with pytest.raises(ValidationError, match="published"):
        suggestion_decide(actor=staff, source=source, suggestion=nature, accept=True)
    assert not contribution.goals.exists()


def test_deleting_the_link_reopens_the_goal(staff, initiative):
    source = _source("initiative", initiative)
    suggestions_refresh(actor=staff, source=source)
    suggestion = SdgSuggestion.objects.get(source_id=initiative.pk, goal__number=7)
    suggestion_decide(actor=staff, source=source, suggestion=suggestion, accept=True)
    SdgLink.objects.filter(initiative=initiative).delete()
    suggestions_refresh(actor=staff, source=source)
    suggestion.refresh_from_db()
    assert suggestion.status == SdgSuggestion.Status.PENDING and suggestion.decided_by is None


def test_suggestions_go_with_their_text(staff, initiative, city):
    suggestions_refresh(actor=staff, source=_source("initiative", initiative))
    proposal = ProposalFactory(
        campaign=CampaignFactory(city=city), title="Solar panels", problem="Oil heating."
    )
    suggestions_refresh(actor=staff, source=_source("proposal", proposal))
    assert SdgSuggestion.objects.filter(source_type="initiative").exists()
    initiative.delete()
    proposal.delete()
    assert not SdgSuggestion.objects.exists()


def test_a_suggestion_for_an_edited_text_is_stale(staff, initiative, client):
    suggestions_refresh(actor=staff, source=_source("initiative", initiative))
    suggestion = SdgSuggestion.objects.get(source_id=initiative.pk, goal__number=7)
    initiative.summary_en = ENERGY + " Wind power too."
    initiative.save()
    client.force_login(staff)
    page = client.get(reverse("sdg:suggest", kwargs={"source": "initiative", "pk": initiative.pk}))
    assert "The text has changed since this suggestion was made" in page.content.decode()
    with pytest.raises(ValidationError, match="text has changed"):
        suggestion_decide(
            actor=staff,
            source=_source("initiative", initiative),
            suggestion=suggestion,
            accept=True,
        )
    # Rejecting a stale suggestion is fine; asking again makes fresh ones.
    suggestions_refresh(actor=staff, source=_source("initiative", initiative))
    suggestion.refresh_from_db()
    assert suggestion.text_fingerprint == _source("initiative", initiative).fingerprint
