"""Who may do what in the portfolio. Pages, the API, the admin and the services all ask here.

- Everyone, signed in or not, reads the published portfolio.
- City staff change their own city's initiatives, outcomes, adoptions and lessons, see that
  city's audit log and import into it. Administrators may do all of this for every city.
- Shared reference data (organisations, programmes, networks) is changed by any city staff or
  administrator; cities themselves only by administrators.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from cityimpact.accounts.roles import Role, user_has_role, user_is_admin, user_is_staff_of


def can_edit_city_content(*, user: Any, city_id: int | None) -> bool:
    return user_is_admin(user=user) or user_is_staff_of(user=user, city_id=city_id)


def can_edit_reference_data(*, user: Any) -> bool:
    return user_is_admin(user=user) or user_has_role(user=user, role=Role.CITY_STAFF)


def can_edit_cities(*, user: Any) -> bool:
    return user_is_admin(user=user)


def can_view_audit_log(*, user: Any, city_id: int | None) -> bool:
    return can_edit_city_content(user=user, city_id=city_id)


def editable_city_ids(*, user: Any) -> set[int] | None:
    """Ids of the cities whose content the user may change; None means every city."""
    if user_is_admin(user=user):
        return None
    if user_has_role(user=user, role=Role.CITY_STAFF) and user.city_id:
        return {user.city_id}
    return set()


def ensure_can_edit_city_content(*, user: Any, city_id: int | None) -> None:
    if not can_edit_city_content(user=user, city_id=city_id):
        raise PermissionDenied(_("Only this city's staff can change its initiatives."))


def ensure_can_edit_reference_data(*, user: Any) -> None:
    if not can_edit_reference_data(user=user):
        raise PermissionDenied(_("Only city staff can change organisations and programmes."))


def ensure_can_edit_cities(*, user: Any) -> None:
    if not can_edit_cities(user=user):
        raise PermissionDenied(_("Only administrators can change cities."))
