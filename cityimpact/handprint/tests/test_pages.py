import io

import pytest
from pypdf import PdfReader

from cityimpact.core.models import City
from cityimpact.handprint.demo import handprint_demo_load
from cityimpact.handprint.models import HandprintAssessment
from cityimpact.handprint.selectors import assessment_list, assessment_result, city_portfolio
from cityimpact.portfolio.services.demo import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    demo_load()
    city = City.objects.get(slug="espoo")
    handprint_demo_load(city=city)
    return city


def test_ev_charging_matches_espoos_figure(demo):
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    result = assessment_result(assessment=ev)
    assert result["years"][0]["handprint_kgco2e"] / 1000 == pytest.approx(110, abs=0.1)
    assert result["handprint_kgco2e_per_unit"] / 1000 == pytest.approx(6.11, abs=0.01)


def test_portfolio_and_result_pages_in_three_languages(client, demo):
    assert "Public EV charging on city land" in client.get("/en/handprint/").content.decode()
    assert "Julkinen sähköautojen lataus" in client.get("/fi/handprint/").content.decode()
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    content = client.get(f"/sv/handprint/{ev.pk}/").content.decode()
    assert "Offentlig laddning av elbilar" in content
    assert 'id="chart-stages"' in content


def test_result_shows_on_the_initiative_page(client, demo):
    content = client.get("/en/initiatives/espoo/sparcs/").content.decode()
    assert "Public EV charging on city land" in content


def test_drafts_are_hidden_from_the_public(client, staff, demo):
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    HandprintAssessment.objects.filter(pk=ev.pk).update(status="draft")
    assert client.get(f"/en/handprint/{ev.pk}/").status_code == 404
    assert client.get(f"/en/handprint/{ev.pk}/result.pdf").status_code == 404
    assert "Public EV charging" not in client.get("/en/handprint/").content.decode()
    assert "Public EV charging" not in client.get("/en/initiatives/espoo/sparcs/").content.decode()
    client.force_login(staff)
    assert client.get(f"/en/handprint/{ev.pk}/").status_code == 200


def test_publishing_needs_review_and_a_note(client, staff, demo):
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    HandprintAssessment.objects.filter(pk=ev.pk).update(status="draft", review_note="")
    client.force_login(staff)
    url = f"/en/handprint/{ev.pk}/status/"
    client.post(url, {"status": "published"})
    ev.refresh_from_db()
    assert ev.status == "draft"  # not straight from draft
    client.post(url, {"status": "in_review"})
    client.post(url, {"status": "published"})
    ev.refresh_from_db()
    assert ev.status == "in_review"  # no review note yet
    client.post(url, {"status": "published", "review_note": "Checked by the climate unit."})
    ev.refresh_from_db()
    assert ev.status == "published"


@pytest.mark.parametrize("role", ["resident", "moderator", "sdg_expert"])
def test_only_staff_change_status(client, make_user, demo, role):
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    client.force_login(make_user(role))
    assert client.post(f"/en/handprint/{ev.pk}/status/", {"status": "draft"}).status_code == 403


def test_pdf_carries_the_disclosures(client, demo):
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    response = client.get(f"/en/handprint/{ev.pk}/result.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for disclosure in (
        "one charging point for a year",
        "Average car driving",
        "Use stage",
        "2021",
        "Published",
    ):
        assert disclosure in text


def test_api_lists_published_assessments_and_their_results(client, staff, demo):
    body = client.get("/api/v1/handprint/assessments/").json()
    assert body["count"] == 4
    ev = HandprintAssessment.objects.get(title_en="Public EV charging on city land")
    result = client.get(f"/api/v1/handprint/assessments/{ev.pk}/result/").json()
    assert result["handprint_kgco2e_per_unit"] / 1000 == pytest.approx(6.11, abs=0.01)
    HandprintAssessment.objects.filter(pk=ev.pk).update(status="draft")
    assert client.get("/api/v1/handprint/assessments/").json()["count"] == 3
    assert client.get(f"/api/v1/handprint/assessments/{ev.pk}/result/").status_code == 404
    client.force_login(staff)
    assert client.get("/api/v1/handprint/assessments/").json()["count"] == 4


def test_potential_and_realised_are_never_added_together(client, demo):
    portfolio = city_portfolio(assessments=list(assessment_list(city=demo, user=None)))
    series = {row["mechanism"] for row in portfolio["totals"]}
    assert "Ownership · Realised (measured)" in series
    assert all("·" in name for name in series)


def test_timber_storage_is_shown_beside_the_handprint(client, demo):
    timber = HandprintAssessment.objects.get(
        title_en="Reused timber from Kera's demolished buildings"
    )
    result = assessment_result(assessment=timber)
    assert result["storage_kgco2e_per_unit"] == 543
    assert result["handprint_kgco2e_per_unit"] == pytest.approx(30.2 - 20 * 0.799)


def test_kera_heat_handprint_falls_as_district_heat_decarbonises(demo):
    heat = HandprintAssessment.objects.get(title_en="Ground-source heat for Kera's new blocks")
    yearly = [year["handprint_kgco2e"] for year in assessment_result(assessment=heat)["years"]]
    assert yearly[0] > yearly[2] > yearly[4]  # 2025 at 0.118, 2027 at 0.10, 2029 at 0.08


def test_result_page_has_the_waterfall(client, demo):
    heat = HandprintAssessment.objects.get(title_en="Ground-source heat for Kera's new blocks")
    assert 'id="chart-waterfall"' in client.get(f"/en/handprint/{heat.pk}/").content.decode()
