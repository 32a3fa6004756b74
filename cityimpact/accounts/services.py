"""Writes of the accounts app."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from cityimpact.accounts.identity import email_verification_tokens
from cityimpact.accounts.models import User
from cityimpact.accounts.roles import Role, user_has_role, user_roles
from cityimpact.core.extensions import personal_data_erase, personal_data_export
from cityimpact.core.models import AuditLogEntry, City
from cityimpact.core.services import audit_record, content_version_bump

logger = logging.getLogger(__name__)


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


def email_verification_send(*, user: User, request: Any) -> bool:
    """Mail a link that verifies the address; it expires and works only once. Returns False
    when the mail could not be sent (the account still exists; the link can be resent)."""
    token = email_verification_tokens.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = request.build_absolute_uri(
        reverse("accounts:verify", kwargs={"uid": uid, "token": token})
    )
    try:
        send_mail(
            subject=_("Verify your e-mail address"),
            message=_("Open this link to verify your address for cityimpact: {link}").format(
                link=link
            ),
            from_email=None,
            recipient_list=[user.email],
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send the verification mail to user %s", user.pk)
        return False
    return True


def email_verify(*, uid: str, token: str) -> User | None:
    """Mark the address verified if the link is valid, unexpired and unused."""
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uid).decode()))
    except (ValueError, TypeError, User.DoesNotExist):
        return None
    if not email_verification_tokens.check_token(user, token):
        return None
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    return user


def identity_record(*, user: User) -> None:
    user.identified_at = timezone.now()
    user.save(update_fields=["identified_at"])


def user_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform keeps about a person, for their own download (GDPR art. 15)."""
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "email_verified": user.email_verified,
            "identified_at": user.identified_at.isoformat() if user.identified_at else None,
            "notification_choice": user.notifications,
            "joined": user.date_joined.isoformat(),
            "roles": sorted(str(role) for role in user_roles(user=user)),
            "city": user.city.slug if user.city else None,
        },
        "notifications": [
            {
                "text": n.text,
                "url": n.url,
                "created": n.created_at.isoformat(),
                "sent": n.sent_at.isoformat() if n.sent_at else None,
            }
            for n in user.notifications_received.order_by("created_at")
        ],
        "changes_made": [
            {"when": e.created_at.isoformat(), "action": e.action, "object": e.object_repr}
            for e in AuditLogEntry.objects.filter(actor=user).order_by("created_at")
        ],
        **personal_data_export(user=user),
    }


@transaction.atomic
def user_erase(*, user: User, password: str) -> None:
    """Delete a person's account after they confirm with their password. Public content they
    wrote stays without their name; the audit log keeps the change, not the person."""
    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    personal_data_erase(user=user)
    user.delete()
    content_version_bump()  # cached public pages may name the person


@transaction.atomic
def user_block(*, actor: Any, user: User, reason: str) -> None:
    """A moderator or administrator stops a person from signing in and posting. Staff,
    experts and administrators cannot be blocked this way."""
    if not (
        user_has_role(user=actor, role=Role.MODERATOR) or user_has_role(user=actor, role=Role.ADMIN)
    ):
        raise PermissionDenied(_("Only moderators block people."))
    if user_roles(user=user) & {Role.CITY_STAFF, Role.SDG_EXPERT, Role.ADMIN, Role.MODERATOR}:
        raise PermissionDenied(_("Staff, experts and moderators are not blocked here."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for blocking.")})
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=AuditLogEntry.Action.UPDATE,
        instance=user,
        city=None,
        changes={"blocked": [False, True], "reason": [None, reason.strip()]},
    )
