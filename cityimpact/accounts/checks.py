"""System checks of the accounts app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

TEST_BACKEND = "cityimpact.accounts.identity.TestIdentityBackend"


@checks.register(checks.Tags.security, deploy=True)
def identity_backend_check(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """The test identification stand-in must not be what a public site relies on."""
    if settings.IDENTITY_BACKEND == TEST_BACKEND:
        return [
            checks.Warning(
                "IDENTITY_BACKEND is the test stand-in: anyone can 'strongly identify'.",
                hint="Configure a real e-identification backend before campaigns require it.",
                id="cityimpact.W001",
            )
        ]
    return []
