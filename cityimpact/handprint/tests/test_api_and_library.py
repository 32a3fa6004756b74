import copy

import pytest
from rest_framework.test import APIClient

from cityimpact.handprint import calculator as calc
from cityimpact.handprint.api.views import EXAMPLE
from cityimpact.handprint.models import EmissionFactor, HandprintAssessment, InventoryLine
from cityimpact.handprint.selectors import assessment_calculation, factor_latest, factor_list
from cityimpact.handprint.services import LIBRARY_FILE, factor_library_load

pytestmark = pytest.mark.django_db


def post(payload):
    return APIClient().post("/api/v1/handprint/calculate", payload, format="json")


def test_library_is_loaded_with_sources():
    assert factor_list().count() == 56
    diesel = factor_latest(key="diesel_fossil_wtw")
    assert (diesel.kgco2e_per_unit, diesel.unit) == (0.0871, "MJ")
    assert "SYKE" in diesel.source


def test_reloading_the_library_changes_nothing_and_a_changed_value_is_a_new_version(tmp_path):
    assert not factor_library_load()
    path = tmp_path / "factors.csv"
    original = LIBRARY_FILE.read_text(encoding="utf-8")
    path.write_text(original.replace("MJ,0.0871,", "MJ,0.0900,"), encoding="utf-8")
    assert factor_library_load(path=path) == {"new_version": 1}
    assert factor_latest(key="diesel_fossil_wtw").version == 2
    assert EmissionFactor.objects.filter(key="diesel_fossil_wtw").count() == 2  # v1 kept


def test_calculate_the_market_diesel_example():
    response = post(EXAMPLE)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["handprint_kgco2e_per_unit"] == pytest.approx(0.067848)
    assert body["baseline"]["total_kgco2e"] == pytest.approx(0.077848)
    assert body["handprint_exists"] is True
    assert body["uncertainty"]["exact"] is True
    assert [y["year"] for y in body["years"]] == [2025, 2026, 2027]
    assert body["cumulative_kgco2e"] == pytest.approx(0.067848 * 3_000_000)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda p: p["baseline"]["inputs"][0].update(amount=-1), "baseline"),
        (
            lambda p: p["solution"]["inputs"][0].update(factor="unobtainium"),
            "solution.inputs[0].factor",
        ),
        (lambda p: p["baseline"]["inputs"][0].update(unit="kg"), "baseline.inputs[0].unit"),
        (lambda p: p.pop("baseline"), "baseline"),
        (
            lambda p: p["baseline"]["inputs"][0].update(uncertainty={"shape": "triangular"}),
            "baseline.inputs[0].uncertainty",
        ),
    ],
)
def test_bad_input_is_a_400_naming_the_field(change, field):
    payload = copy.deepcopy(EXAMPLE)
    change(payload)
    response = post(payload)
    assert response.status_code == 400
    assert field in response.json()


def test_factor_api_lists_current_versions(client):
    body = client.get("/api/v1/handprint/factors/").json()
    assert body["count"] == 56
    assert (
        client.get("/api/v1/handprint/factors/", {"key": "diesel_fossil_wtw"}).json()["count"] == 1
    )


def test_calculate_is_in_the_schema_with_its_example(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/handprint/calculate" in schema
    assert "Renewable diesel against market diesel" in schema


def test_a_stored_assessment_uses_the_factor_versions_it_froze(city):
    assessment = HandprintAssessment.objects.create(
        city=city,
        title="Renewable diesel in city buses",
        functional_unit="1 MJ",
        baseline_name="Diesel",
        solution_name="HVO",
        boundary="Well to wheel",
        data_year=2022,
        mechanism="projects",
    )
    v1 = factor_latest(key="diesel_fossil_wtw")
    InventoryLine.objects.create(
        assessment=assessment, system="baseline", stage="use", factor=v1, amount=1, unit="MJ"
    )
    InventoryLine.objects.create(
        assessment=assessment,
        system="solution",
        stage="use",
        factor=factor_latest(key="hvo_renewable_diesel_component"),
        amount=1,
        unit="MJ",
    )
    EmissionFactor.objects.create(
        key=v1.key,
        version=2,
        category=v1.category,
        name=v1.name,
        unit="MJ",
        kgco2e_per_unit=0.5,
        year="2030",
        source="x",
    )
    result = calc.assess(assessment_calculation(assessment=assessment))
    assert result.handprint == pytest.approx(0.0771)  # still v1, not the new 0.5


def test_staff_add_a_factor_version_in_the_admin(client, staff):
    client.force_login(staff)
    response = client.post(
        "/en/admin/handprint/emissionfactor/add/",
        {
            "key": "diesel_fossil_wtw",
            "category": "fuel",
            "name": "Diesel 2025",
            "unit": "MJ",
            "kgco2e_per_unit": "0.09",
            "year": "2025",
            "source": "Example source",
            "notes": "",
            "shape": "exact",
        },
    )
    assert response.status_code == 302
    newest = factor_latest(key="diesel_fossil_wtw")
    assert (newest.version, newest.kgco2e_per_unit, newest.created_by) == (2, 0.09, staff)


def test_calculate_with_factors_changing_by_year():
    payload = copy.deepcopy(EXAMPLE)
    payload["scaling"]["factor_changes"] = [
        {"factor": "diesel_fossil_wtw", "year": 2026, "kgco2e_per_unit": 0.05}
    ]
    years = post(payload).json()["years"]
    assert (
        years[0]["handprint_kgco2e"] > years[1]["handprint_kgco2e"] == years[2]["handprint_kgco2e"]
    )
    payload["scaling"]["factor_changes"][0]["factor"] = "petrol"
    assert "scaling.factor_changes[0].factor" in post(payload).json()
