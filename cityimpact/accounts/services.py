"""Writes of the accounts app."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction

from cityimpact.accounts.models import User
from cityimpact.accounts.roles import Role
from cityimpact.core.models import City


def roles_ensure() -> None:
    """Create one group per role (idempotent)."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    email: str = "",
    roles: Iterable[Role] = (),
    city: City | None = None,
) -> User:
    """Create a user with roles. City staff need a city; admins may sign in to the Django admin."""
    roles = set(roles)
    if Role.CITY_STAFF in roles and city is None:
        raise ValueError("City staff must belong to a city.")
    user = User(username=username, email=email, city=city)
    user.is_staff = bool(roles & {Role.CITY_STAFF, Role.ADMIN})
    user.is_superuser = Role.ADMIN in roles
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    roles_ensure()
    user.groups.set(Group.objects.filter(name__in=[role.value for role in roles]))
    return user
