import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from cityimpact.core.models import Job
from cityimpact.portfolio.tests.factories import InitiativeFactory
from cityimpact.sdg import selectors
from cityimpact.sdg.models import Contribution, IndicatorValue
from cityimpact.sdg.services.localisation import sdg_link_create
from cityimpact.sdg.services.review import contribution_submit, evaluation_save
from cityimpact.sdg.tests.factories import LocalGoalFactory, LocalIndicatorFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def localised(city, staff):
    goal = LocalGoalFactory(
        city=city, code="E1", title_en="Carbon-neutral Kera", title_fi="Hiilineutraali Kera"
    )
    sdg_link_create(
        actor=staff, source=goal, kind="direct", rationale="Emissions.", target_code="13.2"
    )
    indicator = LocalIndicatorFactory(
        city=city, code="I1", name_en="Daycare gardens", local_goal=goal
    )
    for year, value in ((2018, 55), (2020, 90), (2022, 120)):
        IndicatorValue.objects.create(
            indicator=indicator, date=dt.date(year, 12, 31), value=Decimal(value)
        )
    sdg_link_create(
        actor=staff, source=indicator, kind="proxy", rationale="Learning.", target_code="4.7"
    )
    initiative = InitiativeFactory(city=city, title_en="Urban gardening")
    sdg_link_create(
        actor=staff, source=initiative, kind="direct", rationale="Food.", target_code="12.8"
    )
    return goal, indicator, initiative


@pytest.fixture
def review(city, staff, make_user, localised):
    review = ReviewFactory(
        city=city, slug="vlr-2020", title_en="Espoo VLR 2020", highlights_en="Over 1 000 took part."
    )
    contribution = contribution_submit(
        actor=staff,
        review=review,
        title="School gardens",
        text="Pupils grow food.",
        date=dt.date(2020, 4, 1),
        goal_numbers=[4],
        target_codes=["12.8"],
    )
    evaluation_save(
        actor=make_user("sdg_expert"), review=review, contribution=contribution, score=2
    )
    return review


def test_coverage_counts_action_and_measurement(city, localised):
    coverage = selectors.goal_coverage(city=city)
    assert coverage[13]["local_goals"] == 1
    assert coverage[4]["indicators"] == 1
    assert coverage[12]["initiatives"] == 1
    assert selectors.coverage_level(coverage[4]) == 1
    assert selectors.coverage_level(coverage[1]) == 0


def test_wheel_shows_coverage(client, localised):
    content = client.get("/en/sdg/").content.decode()
    assert 'data-level="1"' in content and 'data-level="0"' in content


def test_goal_page_shows_indicator_status_and_rule(client, localised):
    content = client.get("/en/sdg/goals/4/").content.decode()
    assert "Daycare gardens" in content
    assert "Target reached" in content  # 120 reached the target of 120
    assert "straight line" in content
    assert 'id="indicator-series"' in content
    fi = client.get("/fi/sdg/goals/13/").content.decode()
    assert "Hiilineutraali Kera" in fi


def test_gap_list_excludes_covered_targets(client, localised):
    content = client.get("/en/sdg/gaps/").content.decode()
    assert "/en/sdg/targets/13.2/" not in content
    assert "/en/sdg/targets/13.1/" in content


def test_local_page_shows_links_and_staff_actions(client, staff, localised):
    assert "Add a value" not in client.get("/en/sdg/local/").content.decode()
    client.force_login(staff)
    content = client.get("/en/sdg/local/").content.decode()
    assert "Add a value" in content and "Add a link" in content


def test_link_form_names_unknown_code(client, staff, localised):
    goal = localised[0]
    client.force_login(staff)
    response = client.post(
        f"/en/sdg/links/new/local_goal/{goal.pk}/",
        {"target_code": "13.9", "kind": "direct", "rationale": "x"},
    )
    assert response.status_code == 200
    assert "There is no target 13.9." in response.content.decode()


def test_value_form_names_wrong_unit(client, staff, localised):
    indicator = localised[1]
    client.force_login(staff)
    response = client.post(
        f"/en/sdg/local/indicators/{indicator.pk}/values/new/",
        {"date": "2021-01-01", "value": "3", "unit": "kg"},
    )
    assert "measured in daycare centres, not in kg" in response.content.decode()


def test_review_page_figures_are_computed(client, review):
    response = client.get(review.get_absolute_url())
    figures = response.context["figures"]
    assert figures["participants"] == 2  # the staff author and the expert
    assert figures["contributions"] == 1
    assert figures["contributions_per_goal"] == {4: 1, 12: 1}
    assert figures["unevaluated"] == 0


def test_resident_contributes_through_the_form(client, make_user, review):
    client.force_login(make_user("resident"))
    url = f"/en/sdg/reviews/{review.city.slug}/vlr-2020/contribute/"
    bad = client.post(
        url,
        {
            "kind": "insight",
            "title": "Bikes",
            "text": "More lanes.",
            "date": "2021-05-01",
            "goals": [],
        },
    )
    assert bad.status_code == 200 and "within the review period" in bad.content.decode()
    good = client.post(
        url,
        {
            "kind": "insight",
            "title": "Bikes",
            "text": "More lanes.",
            "date": "2020-05-01",
            "target_codes": "11.2",
        },
    )
    assert good.status_code == 302
    assert Contribution.objects.get(title="Bikes").status == "pending"
    client.logout()
    assert "Bikes" not in client.get(review.get_absolute_url()).content.decode()  # not public yet


def test_report_is_staff_only_until_published(client, staff, review):
    url = f"/en/sdg/reviews/{review.city.slug}/vlr-2020/report/"
    assert client.get(url).status_code == 403
    client.force_login(staff)
    content = client.get(url).content.decode()
    for heading in (
        "Opening and highlights",
        "Methodology and participation",
        "Goal by goal",
        "Annex",
    ):
        assert heading in content
    assert "Over 1 000 took part." in content


def test_pdf_report_is_generated_as_a_job_and_reads_back(client, staff, review, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    response = client.post(f"/fi/sdg/reviews/{review.city.slug}/vlr-2020/report/pdf/")
    assert response.status_code == 302
    job = Job.objects.get(kind="sdg.report")
    assert job.state == Job.State.DONE, job.message
    pdf = client.get(job.result["url"])
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert "Espoo VLR 2020" in text
    assert "Hiilineutraali Kera" in text  # the Finnish report uses Finnish content
    assert "Liite" in text  # …and Finnish headings


def test_pdf_download_is_private(client, staff, make_user, review, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    client.post(f"/en/sdg/reviews/{review.city.slug}/vlr-2020/report/pdf/")
    url = Job.objects.get().result["url"]
    client.force_login(make_user("resident"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "resident", "moderator", "sdg_expert"])
def test_only_staff_generate_reports_and_change_phases(client, make_user, review, role):
    user = make_user(role)
    if user:
        client.force_login(user)
    base = f"/en/sdg/reviews/{review.city.slug}/vlr-2020/"
    assert client.post(base + "report/pdf/").status_code in (302, 403) and not Job.objects.exists()
    client.post(base + "phase/", {"phase": "published"})
    review.refresh_from_db()
    assert review.phase == "collecting"


def test_admin_scopes_local_goals_to_the_staff_city(client, staff, other_city):
    LocalGoalFactory(city=staff.city, title_en="Ours")
    LocalGoalFactory(city=other_city, title_en="Theirs")
    client.force_login(staff)
    content = client.get("/en/admin/sdg/localgoal/").content.decode()
    assert "Ours" in content and "Theirs" not in content


def test_local_page_lists_initiatives_to_link(client, make_user, localised):
    client.force_login(make_user("sdg_expert"))
    content = client.get("/en/sdg/local/").content.decode()
    assert "Urban gardening" in content
    assert f"/en/sdg/links/new/initiative/{localised[2].pk}/" in content


def test_expert_evaluates_a_link_and_figures_follow(client, make_user, review, localised):
    link = localised[0].links.get()
    client.force_login(make_user("sdg_expert"))
    url = f"/en/sdg/reviews/{review.city.slug}/vlr-2020/links/{link.pk}/evaluate/"
    assert client.post(url, {"score": "3", "comment": "Direct."}).status_code == 302
    figures = selectors.review_figures(review=review)
    assert figures["links"] == 3 and figures["links_unevaluated"] == 2


def test_residents_cannot_evaluate_links(client, make_user, review, localised):
    link = localised[0].links.get()
    client.force_login(make_user("resident"))
    response = client.post(
        f"/en/sdg/reviews/{review.city.slug}/vlr-2020/links/{link.pk}/evaluate/", {"score": "3"}
    )
    assert response.status_code == 403
