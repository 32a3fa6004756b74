"""Local goals, local indicators and their values, and links to the global framework."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cityimpact.core.languages import translated_fields
from cityimpact.core.models import AuditLogEntry, City
from cityimpact.core.services import audit_record, audited_save
from cityimpact.sdg.models import (
    Indicator,
    IndicatorValue,
    LocalGoal,
    LocalIndicator,
    SdgLink,
    Target,
)
from cityimpact.sdg.permissions import can_link, can_manage_city_sdg, ensure

LOCAL_GOAL_FIELDS = (
    "code",
    *translated_fields("title", "description"),
    "is_example",
)
LOCAL_INDICATOR_FIELDS = (
    "code",
    *translated_fields("name"),
    "local_goal",
    "unit",
    "direction",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "source",
    "is_example",
)


def _save(
    *,
    actor: Any,
    instance: models.Model,
    data: Mapping[str, Any],
    fields: tuple[str, ...],
    city: City,
) -> Any:
    audited_save(actor=actor, instance=instance, data=data, fields=fields, city=city)
    return instance


@transaction.atomic
def local_goal_save(
    *, actor: Any, city: City, data: Mapping[str, Any], goal: LocalGoal | None = None
) -> LocalGoal:
    ensure(can_manage_city_sdg(user=actor, city_id=city.pk))
    instance = goal or LocalGoal(city=city)
    if instance.city_id != city.pk:
        raise ValidationError(_("This local goal belongs to another city."))
    saved: LocalGoal = _save(
        actor=actor, instance=instance, data=data, fields=LOCAL_GOAL_FIELDS, city=city
    )
    return saved


@transaction.atomic
def local_indicator_save(
    *, actor: Any, city: City, data: Mapping[str, Any], indicator: LocalIndicator | None = None
) -> LocalIndicator:
    ensure(can_manage_city_sdg(user=actor, city_id=city.pk))
    instance = indicator or LocalIndicator(city=city)
    if instance.city_id != city.pk:
        raise ValidationError(_("This local indicator belongs to another city."))
    saved: LocalIndicator = _save(
        actor=actor, instance=instance, data=data, fields=LOCAL_INDICATOR_FIELDS, city=city
    )
    return saved


@transaction.atomic
def indicator_value_add(
    *,
    actor: Any,
    indicator: LocalIndicator,
    date: dt.date,
    value: Decimal,
    unit: str | None = None,
    source: str = "",
) -> IndicatorValue:
    """Record a measured value. A value given in another unit than the indicator's, or dated
    in the future, is refused with a message naming the problem."""
    ensure(can_manage_city_sdg(user=actor, city_id=indicator.city_id))
    errors: dict[str, str] = {}
    if unit is not None and unit.strip().casefold() != indicator.unit.strip().casefold():
        errors["unit"] = _("This indicator is measured in {unit}, not in {given}.").format(
            unit=indicator.unit, given=unit
        )
    if date > timezone.localdate():
        errors["date"] = _("A measured value cannot be dated in the future.")
    if IndicatorValue.objects.filter(indicator=indicator, date=date).exists():
        errors["date"] = _("There is already a value for this date.")
    if errors:
        raise ValidationError(errors)
    entry = IndicatorValue(indicator=indicator, date=date, value=value, source=source)
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        instance=entry,
        city=indicator.city,
        changes={"value": [None, str(value)], "date": [None, date.isoformat()]},
    )
    return entry


def _resolve_codes(*, target_code: str, indicator_code: str) -> tuple[Target, Indicator | None]:
    errors: dict[str, str] = {}
    indicator = None
    if indicator_code:
        indicator = Indicator.objects.select_related("target").filter(code=indicator_code).first()
        if indicator is None:
            errors["indicator"] = _("There is no global indicator {code}.").format(
                code=indicator_code
            )
    target = None
    if target_code:
        target = Target.objects.filter(code=target_code).first()
        if target is None:
            errors["target"] = _("There is no target {code}.").format(code=target_code)
    elif indicator is not None:
        target = indicator.target
    else:
        errors.setdefault("target", _("Name a target or a global indicator."))
    if errors:
        raise ValidationError(errors)
    assert target is not None
    return target, indicator


@transaction.atomic
def sdg_link_create(
    *,
    actor: Any,
    source: LocalGoal | LocalIndicator | Any,
    kind: str,
    rationale: str,
    target_code: str = "",
    indicator_code: str = "",
    suggested_by_model: str = "",
) -> SdgLink:
    """Link a local goal, local indicator or initiative to a target (by code, e.g. "11.6")
    and optionally a global indicator ("11.6.1"). Unknown codes are refused by name."""
    city_id = getattr(source, "city_id", None)
    ensure(can_link(user=actor, city_id=city_id))
    target, indicator = _resolve_codes(
        target_code=target_code.strip(), indicator_code=indicator_code.strip()
    )
    link = SdgLink(
        target=target,
        indicator=indicator,
        kind=kind,
        rationale=rationale.strip(),
        created_by=actor,
        suggested_by_model=suggested_by_model,
    )
    field = {
        "localgoal": "local_goal",
        "localindicator": "local_indicator",
        "initiative": "initiative",
    }[str(source._meta.model_name)]
    setattr(link, field, source)
    link.full_clean()
    link.save()
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.CREATE,
        instance=link,
        city=getattr(source, "city", None),
        changes={"link": [None, str(link)], "kind": [None, kind]},
    )
    return link


@transaction.atomic
def sdg_link_delete(*, actor: Any, link: SdgLink) -> None:
    ensure(can_link(user=actor, city_id=link.city_id))
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.DELETE,
        instance=link,
        city=getattr(link.source, "city", None),
    )
    link.delete()
