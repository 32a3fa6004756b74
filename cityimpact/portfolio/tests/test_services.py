from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cityimpact.core.models import AuditLogEntry
from cityimpact.portfolio.models import Initiative, Outcome
from cityimpact.portfolio.services import (
    initiative_create,
    initiative_delete,
    initiative_update,
    outcome_create,
    outcome_update,
)
from cityimpact.portfolio.tests.factories import (
    InitiativeFactory,
    OrganisationFactory,
    OutcomeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

VALID = {"title_en": "Urban gardening", "summary_en": "Children grow vegetables."}


def test_create_saves_relations_and_audits(staff, city):
    theme = ThemeFactory(slug="climate-change")
    partner = OrganisationFactory(slug="reuse-centre")
    initiative = initiative_create(
        actor=staff,
        city=city,
        data={
            **VALID,
            "title_fi": "Kaupunkiviljely",
            "themes": [theme],
            "partners": [(partner, "partner")],
            "places": ["Kera", " Otaniemi ", ""],
        },
    )
    assert initiative.slug == "urban-gardening"
    assert list(initiative.themes.all()) == [theme]
    assert sorted(p.name for p in initiative.places.all()) == ["Kera", "Otaniemi"]
    entry = AuditLogEntry.objects.get()
    assert entry.action == "create"
    assert entry.actor == staff
    assert entry.city == city
    assert entry.changes["title_en"] == [None, "Urban gardening"]
    assert entry.changes["partners"] == [None, ["reuse-centre:partner"]]


def test_create_makes_slug_unique_within_city(staff, city):
    first = initiative_create(actor=staff, city=city, data=VALID)
    second = initiative_create(actor=staff, city=city, data=VALID)
    assert (first.slug, second.slug) == ("urban-gardening", "urban-gardening-2")


def test_update_records_only_what_changed(staff, city):
    initiative = InitiativeFactory(city=city, title_en="Old title")
    initiative_update(actor=staff, initiative=initiative, data={"title_en": "New title"})
    entry = AuditLogEntry.objects.get()
    assert entry.action == "update"
    assert entry.changes == {"title_en": ["Old title", "New title"]}


def test_update_without_change_writes_no_audit_entry(staff, city):
    initiative = InitiativeFactory(city=city, title_en="Same")
    initiative_update(actor=staff, initiative=initiative, data={"title_en": "Same"})
    assert not AuditLogEntry.objects.exists()


def test_staff_of_another_city_is_refused(other_staff, city):
    initiative = InitiativeFactory(city=city, title_en="Keep")
    with pytest.raises(PermissionDenied):
        initiative_update(actor=other_staff, initiative=initiative, data={"title_en": "Taken"})
    with pytest.raises(PermissionDenied):
        initiative_create(actor=other_staff, city=city, data=VALID)
    with pytest.raises(PermissionDenied):
        initiative_delete(actor=other_staff, initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.title_en == "Keep"
    assert not AuditLogEntry.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "resident", "moderator", "sdg_expert"])
def test_roles_without_edit_rights_are_refused(make_user, city, role):
    with pytest.raises(PermissionDenied):
        initiative_create(actor=make_user(role), city=city, data=VALID)


def test_admin_edits_any_city(admin_user, other_city):
    initiative = initiative_create(actor=admin_user, city=other_city, data=VALID)
    assert initiative.city == other_city


def test_invalid_period_is_rejected_and_nothing_saved(staff, city):
    with pytest.raises(ValidationError) as error:
        initiative_create(
            actor=staff, city=city, data={**VALID, "start_year": 2022, "end_year": 2020}
        )
    assert "end_year" in error.value.message_dict
    assert not Initiative.objects.exists()
    assert not AuditLogEntry.objects.exists()


def test_missing_title_is_rejected(staff, city):
    with pytest.raises(ValidationError):
        initiative_create(actor=staff, city=city, data={"summary_en": "No title"})


def test_unknown_field_is_a_programming_error(staff, city):
    with pytest.raises(TypeError):
        initiative_create(actor=staff, city=city, data={**VALID, "owner": "me"})


def test_delete_keeps_audit_entry(staff, city):
    initiative = InitiativeFactory(city=city, title_en="Gone")
    initiative_delete(actor=staff, initiative=initiative)
    assert not Initiative.objects.exists()
    entry = AuditLogEntry.objects.get()
    assert (entry.action, entry.object_repr) == ("delete", "Gone")


def test_outcome_create_and_update_are_audited(staff, city):
    initiative = InitiativeFactory(city=city)
    outcome = outcome_create(
        actor=staff,
        initiative=initiative,
        data={"metric_en": "Children", "value": Decimal("10000"), "qualifier": "approx"},
    )
    outcome_update(actor=staff, outcome=outcome, data={"value": Decimal("12000")})
    actions = list(AuditLogEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["create", "update"]
    assert AuditLogEntry.objects.order_by("id").last().changes == {"value": ["10000", "12000"]}


def test_outcome_range_must_be_ordered(staff, city):
    outcome = OutcomeFactory(initiative=InitiativeFactory(city=city))
    with pytest.raises(ValidationError):
        outcome_update(actor=staff, outcome=outcome, data={"value_high": Decimal("1")})
    outcome.refresh_from_db()
    assert outcome.value_high is None


def test_outcome_of_other_city_is_refused(other_staff, city):
    initiative = InitiativeFactory(city=city)
    with pytest.raises(PermissionDenied):
        outcome_create(
            actor=other_staff, initiative=initiative, data={"metric_en": "x", "value": 1}
        )
    assert not Outcome.objects.exists()
