import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import user_create
from cityimpact.campaigns.models import Criterion, Experiment, Proposal
from cityimpact.campaigns.selectors import evaluation_ranking
from cityimpact.campaigns.services import (
    experiment_results_publish,
    experiment_start,
    experiment_update_add,
    scores_save,
)
from cityimpact.campaigns.tests.factories import CampaignFactory, ProposalFactory
from cityimpact.portfolio.models import Outcome
from cityimpact.portfolio.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
PLAN = {
    "responsible_unit": "Libraries",
    "starts": dt.date(2026, 1, 1),
    "ends": dt.date(2026, 6, 30),
}


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def selected(city):
    return ProposalFactory(campaign=CampaignFactory(city=city), state=Proposal.State.SELECTED)


def test_experiment_runs_and_publishes_results(staff, selected):
    experiment = experiment_start(
        actor=staff,
        proposal=selected,
        data=dict(PLAN),
        kpis=[{"name": "Questions answered", "unit": "", "target": 500}],
    )
    experiment_update_add(actor=staff, experiment=experiment, text="Live in Sello", progress=40)
    kpi = experiment.kpis.get()
    experiment_results_publish(
        actor=staff,
        experiment=experiment,
        learned="Works after hours.",
        scales=True,
        achieved={kpi.pk: 620},
    )
    experiment.refresh_from_db()
    assert (experiment.status, experiment.results_published, experiment.kpis.get().achieved) == (
        "finished",
        True,
        620,
    )


def test_only_selected_proposals_and_only_staff(staff, make_user, city):
    proposal = ProposalFactory(campaign=CampaignFactory(city=city))
    with pytest.raises(ValidationError):
        experiment_start(actor=staff, proposal=proposal, data=dict(PLAN))
    proposal.state = Proposal.State.SELECTED
    with pytest.raises(PermissionDenied):
        experiment_start(actor=make_user("moderator"), proposal=proposal, data=dict(PLAN))
    with pytest.raises(ValidationError):
        experiment_start(actor=staff, proposal=proposal, data={**PLAN, "ends": dt.date(2025, 1, 1)})
    assert not Experiment.objects.exists()


def test_results_need_what_was_learned(staff, selected):
    experiment = experiment_start(actor=staff, proposal=selected, data=dict(PLAN))
    with pytest.raises(ValidationError):
        experiment_results_publish(
            actor=staff, experiment=experiment, learned=" ", scales=None, achieved={}
        )


def test_results_show_on_the_proposal_and_the_initiative_page(client, staff, selected):
    initiative = InitiativeFactory(city=selected.campaign.city, title_en="Digital Agenda")
    client.force_login(staff)
    response = client.post(
        f"/en/campaigns/proposals/{selected.pk}/experiment/",
        {
            "responsible_unit": "Libraries",
            "starts": "2026-01-01",
            "ends": "2026-06-30",
            "initiative": initiative.pk,
            "kpi_name": "Questions answered",
            "kpi_target": "500",
        },
    )
    assert response.status_code == 302
    experiment = Experiment.objects.get()
    kpi = experiment.kpis.get()
    client.post(
        f"/en/campaigns/proposals/{selected.pk}/experiment/results/",
        {"learned": "Residents used it at night.", "scales": "true", f"kpi_{kpi.pk}": "620"},
    )
    client.logout()
    assert "Residents used it at night." in client.get(selected.get_absolute_url()).content.decode()
    assert (
        "Residents used it at night." in client.get(initiative.get_absolute_url()).content.decode()
    )


def test_rubric_ranking_and_disagreement(client, staff, make_user, city):
    campaign = CampaignFactory(city=city)
    impact = Criterion.objects.create(campaign=campaign, name="Impact", weight=2)
    cost = Criterion.objects.create(campaign=campaign, name="Cost", weight=1)
    strong, weak = ProposalFactory.create_batch(2, campaign=campaign)
    second = user_create(username="evaluator2", password=None, roles={Role.CITY_STAFF}, city=city)
    scores_save(actor=staff, proposal=strong, scores={impact.pk: (5, ""), cost.pk: (2, "")})
    scores_save(actor=second, proposal=strong, scores={impact.pk: (1, ""), cost.pk: (1, "")})
    scores_save(actor=staff, proposal=weak, scores={impact.pk: (1, ""), cost.pk: (1, "")})
    ranking = evaluation_ranking(campaign=campaign)
    assert [row["proposal"] for row in ranking] == [strong, weak]
    assert ranking[0]["score"] == 2.5 and ranking[0]["spread"] == 3.0
    with pytest.raises(ValidationError):
        scores_save(actor=staff, proposal=weak, scores={impact.pk: (9, "")})
    with pytest.raises(PermissionDenied):
        scores_save(actor=make_user("moderator"), proposal=weak, scores={impact.pk: (3, "")})
    client.force_login(staff)
    page = client.get(f"/en/campaigns/{city.slug}/{campaign.slug}/evaluation/").content.decode()
    assert "<strong>3.0</strong>" in page
    client.post(f"/en/campaigns/proposals/{weak.pk}/score/", {f"score_{impact.pk}": "4"})
    assert weak.scores.get(evaluator=staff, criterion=impact).score == 4


def test_staff_set_up_campaigns_only_for_their_city_in_the_admin(client, staff, other_city):
    CampaignFactory(city=staff.city, title_en="Ours")
    CampaignFactory(city=other_city, title_en="Theirs")
    client.force_login(staff)
    content = client.get("/en/admin/campaigns/campaign/").content.decode()
    assert "Ours" in content and "Theirs" not in content


@pytest.mark.parametrize(
    "url, inline_model",
    [
        ("/en/admin/campaigns/campaign/{campaign}/change/", Criterion),
        ("/en/admin/portfolio/initiative/{initiative}/change/", Outcome),
    ],
)
def test_staff_edit_inline_rows_of_their_city_in_the_admin(client, staff, url, inline_model):
    # The role groups carry no Django model permissions; the city rule must open the inlines.
    campaign = CampaignFactory(city=staff.city)
    initiative = InitiativeFactory(city=staff.city)
    client.force_login(staff)
    response = client.get(url.format(campaign=campaign.pk, initiative=initiative.pk))
    assert response.status_code == 200
    inlines = {f.opts.model: f for f in response.context["inline_admin_formsets"]}
    assert inline_model in inlines
    assert inlines[inline_model].has_add_permission
    assert inlines[inline_model].has_change_permission
