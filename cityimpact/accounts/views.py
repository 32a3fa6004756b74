"""Sign-in with a limit on failed attempts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.utils.translation import gettext as _

from cityimpact.accounts.throttling import (
    login_failures_clear,
    login_failures_record,
    login_is_blocked,
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def _ip(self) -> str:
        # REMOTE_ADDR only: X-Forwarded-For is set by clients too and cannot be trusted here.
        return str(self.request.META.get("REMOTE_ADDR", ""))

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        if login_is_blocked(ip=self._ip(), username=username):
            form = self.get_form()
            form.add_error(None, _("Too many failed attempts. Wait 15 minutes and try again."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: the sign-in failed
            login_failures_record(ip=self._ip(), username=username)
        return response

    def form_valid(self, form: Any) -> HttpResponse:
        login_failures_clear(ip=self._ip(), username=form.get_user().get_username())
        return super().form_valid(form)
