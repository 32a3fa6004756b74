import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cityimpact.handprint.models import HandprintAssessment
from cityimpact.handprint.selectors import factor_latest
from cityimpact.handprint.services import assessment_save, inventory_save, parse_factor_changes
from cityimpact.portfolio.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

STEP1 = {
    "title_en": "Renewable diesel in maintenance vehicles",
    "functional_unit_en": "1 MJ of fuel",
    "baseline_name_en": "Fossil diesel",
    "solution_name_en": "Renewable diesel",
    "boundary_en": "Well to wheel",
    "data_year": "2022",
    "mechanism": "ownership",
    "kind": "potential",
    "units_per_year": "500000",
    "start_year": "2025",
    "years": "2",
    "storage_kgco2e_per_unit": "0",
}


def line(system, key, amount=1.0, unit="MJ", **extra):
    return {
        "system": system,
        "stage": "use",
        "factor": factor_latest(key=key).pk,
        "amount": amount,
        "unit": unit,
        **extra,
    }


def test_wizard_pages_build_an_assessment(client, staff, city):
    initiative = InitiativeFactory(city=city)
    client.force_login(staff)
    response = client.post("/en/handprint/new/", {**STEP1, "initiatives": [initiative.pk]})
    assert response.status_code == 302, response.context["form"].errors
    assessment = HandprintAssessment.objects.get()
    assert response["Location"] == f"/en/handprint/{assessment.pk}/inventory/"
    form = client.get(response["Location"])
    assert form.status_code == 200
    data = {
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "60",
    }
    for i, (system, key) in enumerate(
        (("baseline", "diesel_fossil_wtw"), ("solution", "hvo_renewable_diesel_component"))
    ):
        data.update(
            {
                f"lines-{i}-system": system,
                f"lines-{i}-stage": "use",
                f"lines-{i}-factor": str(factor_latest(key=key).pk),
                f"lines-{i}-amount": "1",
                f"lines-{i}-unit": "MJ",
                f"lines-{i}-shape": "exact",
            }
        )
    response = client.post(f"/en/handprint/{assessment.pk}/inventory/", data)
    assert response.status_code == 302
    result = client.get(response["Location"]).content.decode()
    assert "0.0771" in result


def test_unit_mismatch_and_missing_baseline_save_nothing(staff, city):
    assessment = assessment_save(actor=staff, city=city, data=dict(STEP1))
    with pytest.raises(ValidationError) as error:
        inventory_save(
            actor=staff,
            assessment=assessment,
            lines=[line("solution", "hvo_renewable_diesel_component", unit="kg")],
        )
    assert "line 1" in error.value.message_dict and "baseline" in error.value.message_dict
    assert not assessment.lines.exists()


def test_triangular_outside_its_range_is_refused(staff, city):
    assessment = assessment_save(actor=staff, city=city, data=dict(STEP1))
    with pytest.raises(ValidationError):
        inventory_save(
            actor=staff,
            assessment=assessment,
            lines=[
                line("baseline", "diesel_fossil_wtw", shape="triangular", low=2.0, high=3.0),
                line("solution", "hvo_renewable_diesel_component"),
            ],
        )


def test_changing_a_published_assessment_sends_it_back_to_draft(staff, city):
    assessment = assessment_save(actor=staff, city=city, data=dict(STEP1))
    inventory_save(
        actor=staff,
        assessment=assessment,
        lines=[
            line("baseline", "diesel_fossil_wtw"),
            line("solution", "hvo_renewable_diesel_component"),
        ],
    )
    HandprintAssessment.objects.filter(pk=assessment.pk).update(status="published")
    assessment.refresh_from_db()
    inventory_save(
        actor=staff,
        assessment=assessment,
        lines=[
            line("baseline", "diesel_fossil_wtw", 2.0),
            line("solution", "hvo_renewable_diesel_component"),
        ],
    )
    assessment.refresh_from_db()
    assert assessment.status == "draft"


@pytest.mark.parametrize("role", ["resident", "moderator", "sdg_expert"])
def test_only_staff_use_the_wizard(client, make_user, city, role):
    client.force_login(make_user(role))
    assert client.get("/en/handprint/new/").status_code == 403
    with pytest.raises(PermissionDenied):
        assessment_save(actor=make_user(role), city=city, data=dict(STEP1))


def test_factor_changes_are_saved_with_the_inventory(staff, city):
    assessment = assessment_save(actor=staff, city=city, data=dict(STEP1))
    inventory_save(
        actor=staff,
        assessment=assessment,
        lines=[
            line("baseline", "diesel_fossil_wtw"),
            line("solution", "hvo_renewable_diesel_component"),
        ],
        factor_changes=parse_factor_changes("diesel_fossil_wtw 2026 0,05\n"),
    )
    assert assessment.factor_changes.get().kgco2e_per_unit == 0.05
    with pytest.raises(ValidationError):
        parse_factor_changes("diesel_fossil_wtw twenty 1")
    with pytest.raises(ValidationError):
        inventory_save(
            actor=staff,
            assessment=assessment,
            lines=[
                line("baseline", "diesel_fossil_wtw"),
                line("solution", "hvo_renewable_diesel_component"),
            ],
            factor_changes=[("petrol_fossil_wtw", 2026, 1.0)],
        )
    assert assessment.factor_changes.count() == 1  # the refused save changed nothing
