"""Identity levels: an account, a verified e-mail address, or strong identification.

Strong identification goes through a pluggable backend (IDENTITY_BACKEND): in Finland the
national e-identification service. The bundled TestIdentityBackend stands in for it in
development and tests; a real one implements `start` and `complete` the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils import timezone
from django.utils.module_loading import import_string

LEVELS = ("registered", "verified", "strong")
STRONG_VALID_FOR = dt.timedelta(days=365)


def identity_level(*, user: Any) -> int:
    """0 anonymous, 1 registered, 2 verified e-mail, 3 strongly identified (recently)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    if user.identified_at and timezone.now() - user.identified_at < STRONG_VALID_FOR:
        return 3
    return 2 if user.email_verified else 1


def has_identity_level(*, user: Any, level: str) -> bool:
    return identity_level(user=user) >= LEVELS.index(level) + 1


class EmailVerificationTokens(PasswordResetTokenGenerator):
    """Links that expire (PASSWORD_RESET_TIMEOUT) and work once: the token hashes the
    verification state and address, which change when it is used."""

    key_salt = "cityimpact.accounts.email-verification"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        # Separated: "1"+"2a@x.fi" and "12"+"a@x.fi" must not hash alike.
        return f"{user.pk}|{user.email}|{user.email_verified}|{timestamp}"


email_verification_tokens = EmailVerificationTokens()


class TestIdentityBackend:
    """Stands for the national e-identification in development and tests: anyone who
    confirms on the test page is 'identified'. Never configure it in production."""

    name = "test"

    def complete(self, *, request: Any, user: Any) -> bool:
        return request.POST.get("confirm") == "yes"


def identity_backend() -> Any:
    return import_string(settings.IDENTITY_BACKEND)()
