"""HTTP Basic authentication for API clients, under the same limit on failed attempts as
the sign-in page, so the API is no way around it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

from cityimpact.accounts.throttling import (
    login_failures_clear,
    login_failures_record,
    login_is_blocked,
)


class ThrottledBasicAuthentication(BasicAuthentication):
    def authenticate_credentials(
        self, userid: str, password: str, request: Any = None
    ) -> tuple[Any, None]:
        ip = str(request.META.get("REMOTE_ADDR", "")) if request is not None else ""
        if login_is_blocked(ip=ip, username=userid):
            raise exceptions.Throttled(detail="Too many failed attempts. Wait 15 minutes.")
        try:
            result = super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            login_failures_record(ip=ip, username=userid)
            raise
        login_failures_clear(ip=ip, username=userid)
        return result


class ThrottledBasicScheme(BasicScheme):
    """Documents ThrottledBasicAuthentication in the OpenAPI schema as plain HTTP Basic."""

    target_class = "cityimpact.accounts.authentication.ThrottledBasicAuthentication"
