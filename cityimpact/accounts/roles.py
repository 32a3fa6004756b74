"""The roles a person can have, as Django groups. The only place that knows how a role is held.

Anonymous visitors have no role; every signed-in person is at least a resident.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    MODERATOR = "moderator", _("Moderator")
    CITY_STAFF = "city_staff", _("City staff")
    SDG_EXPERT = "sdg_expert", _("SDG expert")
    ADMIN = "admin", _("Administrator")


def user_roles(*, user: Any) -> frozenset[Role]:
    """The roles of a user; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_cityimpact_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        roles = {Role.RESIDENT} | {Role(name) for name in names if name in Role.values}
        if user.is_superuser:
            roles.add(Role.ADMIN)
        cached = frozenset(roles)
        user._cityimpact_roles = cached
    return cached


def user_has_role(*, user: Any, role: Role) -> bool:
    return role in user_roles(user=user)


def user_is_admin(*, user: Any) -> bool:
    return user_has_role(user=user, role=Role.ADMIN)


def user_is_staff_of(*, user: Any, city_id: int | None) -> bool:
    """City staff of this very city (admins are not implied; callers decide)."""
    return (
        city_id is not None
        and user_has_role(user=user, role=Role.CITY_STAFF)
        and user.city_id == city_id
    )
