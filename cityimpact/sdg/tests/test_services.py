import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cityimpact.core.models import AuditLogEntry
from cityimpact.portfolio.tests.factories import InitiativeFactory
from cityimpact.sdg.models import Contribution, Evaluation, IndicatorValue, SdgLink
from cityimpact.sdg.services.localisation import indicator_value_add, sdg_link_create
from cityimpact.sdg.services.review import (
    contribution_moderate,
    contribution_submit,
    evaluation_save,
    review_phase_set,
)
from cityimpact.sdg.tests.factories import LocalGoalFactory, LocalIndicatorFactory, ReviewFactory

pytestmark = pytest.mark.django_db

CONTRIBUTION = {
    "title": "Gardening at our daycare",
    "text": "The children grew potatoes.",
    "date": dt.date(2020, 5, 1),
    "goal_numbers": [4],
    "target_codes": ["4.7"],
}


def test_link_by_codes_records_who_and_when(staff, city):
    goal = LocalGoalFactory(city=city)
    link = sdg_link_create(
        actor=staff,
        source=goal,
        kind="direct",
        rationale="Carbon neutrality.",
        indicator_code="13.2.2",
    )
    assert (link.target.code, link.indicator.code, link.created_by) == ("13.2", "13.2.2", staff)
    assert link.created_at is not None
    assert AuditLogEntry.objects.filter(object_type="sdg.sdglink").exists()


@pytest.mark.parametrize(
    ("target", "indicator", "field"),
    [
        ("99.9", "", "target"),
        ("", "1.1.9", "indicator"),
        ("", "", "target"),
        ("11.6", "4.7.1", "indicator"),
    ],
)
def test_bad_codes_are_named_and_nothing_saved(staff, city, target, indicator, field):
    with pytest.raises(ValidationError) as error:
        sdg_link_create(
            actor=staff,
            source=LocalGoalFactory(city=city),
            kind="direct",
            rationale="x",
            target_code=target,
            indicator_code=indicator,
        )
    assert field in error.value.message_dict
    assert not SdgLink.objects.exists()


def test_experts_link_initiatives_residents_do_not(make_user, city):
    initiative = InitiativeFactory(city=city)
    sdg_link_create(
        actor=make_user("sdg_expert"),
        source=initiative,
        kind="proxy",
        rationale="x",
        target_code="11.6",
    )
    with pytest.raises(PermissionDenied):
        sdg_link_create(
            actor=make_user("resident"),
            source=initiative,
            kind="proxy",
            rationale="x",
            target_code="11.6",
        )


def test_staff_of_another_city_cannot_link(other_staff, city):
    with pytest.raises(PermissionDenied):
        sdg_link_create(
            actor=other_staff,
            source=LocalGoalFactory(city=city),
            kind="direct",
            rationale="x",
            target_code="11.6",
        )


def test_value_in_wrong_unit_or_future_is_refused(staff, city):
    indicator = LocalIndicatorFactory(city=city, unit="daycare centres")
    with pytest.raises(ValidationError) as error:
        indicator_value_add(
            actor=staff, indicator=indicator, date=dt.date(2020, 1, 1), value=Decimal(5), unit="%"
        )
    assert "daycare centres" in error.value.message_dict["unit"][0]
    with pytest.raises(ValidationError) as error:
        indicator_value_add(
            actor=staff, indicator=indicator, date=dt.date(2999, 1, 1), value=Decimal(5)
        )
    assert "date" in error.value.message_dict
    assert not IndicatorValue.objects.exists()
    indicator_value_add(
        actor=staff,
        indicator=indicator,
        date=dt.date(2020, 1, 1),
        value=Decimal(5),
        unit="Daycare centres",
    )
    assert IndicatorValue.objects.count() == 1


def test_resident_contribution_waits_for_moderation(make_user, city):
    review = ReviewFactory(city=city)
    resident = make_user("resident")
    contribution = contribution_submit(actor=resident, review=review, **CONTRIBUTION)
    assert contribution.status == Contribution.Status.PENDING
    assert review.participants.get().group == "resident"
    contribution_moderate(actor=make_user("moderator"), contribution=contribution, approve=True)
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.APPROVED


def test_staff_contribution_is_public_at_once(staff, city):
    contribution = contribution_submit(actor=staff, review=ReviewFactory(city=city), **CONTRIBUTION)
    assert contribution.status == Contribution.Status.APPROVED


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": dt.date(2021, 1, 1)}, "date"),
        ({"target_codes": ["4.99"]}, "targets"),
        ({"goal_numbers": [18]}, "goals"),
        ({"goal_numbers": [], "target_codes": []}, "goals"),
    ],
)
def test_bad_contribution_is_refused_whole(make_user, city, change, field):
    review = ReviewFactory(city=city)
    with pytest.raises(ValidationError) as error:
        contribution_submit(
            actor=make_user("resident"), review=review, **{**CONTRIBUTION, **change}
        )
    assert field in error.value.message_dict
    assert not Contribution.objects.exists()
    assert not review.participants.exists()


def test_bad_evidence_link_is_refused(make_user, city):
    with pytest.raises(ValidationError):
        contribution_submit(
            actor=make_user("resident"),
            review=ReviewFactory(city=city),
            evidence=["javascript:alert(1)"],
            **CONTRIBUTION,
        )


def test_contributions_only_while_collecting(make_user, city):
    with pytest.raises(PermissionDenied):
        contribution_submit(
            actor=make_user("resident"),
            review=ReviewFactory(city=city, phase="published"),
            **CONTRIBUTION,
        )


def test_moderation_needs_a_moderator(make_user, city):
    review = ReviewFactory(city=city)
    contribution = contribution_submit(actor=make_user("resident"), review=review, **CONTRIBUTION)
    with pytest.raises(PermissionDenied):
        contribution_moderate(
            actor=make_user("sdg_expert"), contribution=contribution, approve=True
        )


def test_expert_evaluation_rules(make_user, staff, city):
    review = ReviewFactory(city=city)
    expert = make_user("sdg_expert")
    contribution = contribution_submit(actor=staff, review=review, **CONTRIBUTION)
    evaluation_save(
        actor=expert, review=review, contribution=contribution, score=2, comment="Clear."
    )
    evaluation_save(actor=expert, review=review, contribution=contribution, score=3)
    assert Evaluation.objects.get().score == 3  # replaced, not duplicated
    with pytest.raises(ValidationError):
        evaluation_save(actor=expert, review=review, contribution=contribution, score=4)
    with pytest.raises(PermissionDenied):
        evaluation_save(actor=staff, review=review, contribution=contribution, score=1)
    own = contribution_submit(actor=expert, review=review, **CONTRIBUTION)
    with pytest.raises(ValidationError):
        evaluation_save(actor=expert, review=review, contribution=own, score=1)


def test_pending_contributions_are_not_evaluated(make_user, city):
    review = ReviewFactory(city=city)
    pending = contribution_submit(actor=make_user("resident"), review=review, **CONTRIBUTION)
    with pytest.raises(ValidationError):
        evaluation_save(actor=make_user("sdg_expert"), review=review, contribution=pending, score=2)


def test_phase_changes_are_staff_only_and_audited(staff, other_staff, city):
    review = ReviewFactory(city=city)
    with pytest.raises(PermissionDenied):
        review_phase_set(actor=other_staff, review=review, phase="evaluation")
    review_phase_set(actor=staff, review=review, phase="evaluation")
    assert AuditLogEntry.objects.get().changes == {"phase": ["collecting", "evaluation"]}


def test_residents_may_say_they_take_part_as_young_people_or_partners(make_user, staff, city):
    review = ReviewFactory(city=city)
    youth = contribution_submit(
        actor=make_user("resident"), review=review, declared_group="youth", **CONTRIBUTION
    )
    assert youth.group == "youth" and youth.status == "pending"
    assert review.participants.get(user__username="resident-espoo").group == "youth"
    own_role = contribution_submit(
        actor=staff, review=review, declared_group="youth", **CONTRIBUTION
    )
    assert own_role.group == "staff"  # staff cannot declare themselves residents
