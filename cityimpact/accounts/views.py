"""Sign-in with a limit on failed attempts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityimpact.accounts.forms import SignUpForm
from cityimpact.accounts.identity import identity_backend
from cityimpact.accounts.models import User
from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import (
    email_verification_send,
    email_verify,
    identity_record,
    user_create,
    user_data_export,
    user_erase,
)
from cityimpact.accounts.throttling import (
    login_failures_clear,
    login_failures_record,
    login_is_blocked,
)
from cityimpact.core.ratelimit import rate_limit_exceeded


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


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The Django admin's sign-in under the same limit on failed attempts as LoginView, so it
    is no way around it (routed before admin.site.urls)."""
    from django.contrib import admin

    ip = str(request.META.get("REMOTE_ADDR", ""))
    username = request.POST.get("username", "") if request.method == "POST" else ""
    if username and login_is_blocked(ip=ip, username=username):
        return HttpResponse(
            _("Too many failed attempts. Wait 15 minutes and try again."), status=429
        )
    response = admin.site.login(request, extra_context)
    if username and response.status_code == 200:  # the form came back: the sign-in failed
        login_failures_record(ip=ip, username=username)
    elif username and response.status_code == 302:
        login_failures_clear(ip=ip, username=username)
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create a resident's account and send the link that verifies the e-mail address."""
    if request.user.is_authenticated:
        return redirect("portfolio:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        ip = str(request.META.get("REMOTE_ADDR", ""))
        if rate_limit_exceeded(action="signup", who=ip, limit=5, window_seconds=3600):
            form.add_error(None, _("Too many new accounts from here. Try again later."))
        elif form.is_valid():
            user = user_create(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                email=form.cleaned_data["email"],
                roles={Role.RESIDENT},
            )
            sent = email_verification_send(user=user, request=request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if sent:
                messages.success(
                    request, _("Welcome! We sent you a link to verify your e-mail address.")
                )
            else:
                messages.warning(
                    request,
                    _(
                        "Welcome! We could not send the verification mail just now; "
                        "send it again from My account."
                    ),
                )
            return redirect("portfolio:home")
    return render(request, "accounts/signup.html", {"form": form})


@require_GET
def verify(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    if email_verify(uid=uid, token=token) is None:
        messages.error(
            request, _("The link is not valid: it may have been used already or expired.")
        )
    else:
        messages.success(request, _("Your e-mail address is verified."))
    return redirect("portfolio:home")


@login_required
@require_http_methods(["GET", "POST"])
def identify(request: HttpRequest) -> HttpResponse:
    """Strong identification through the configured backend (a test stand-in by default)."""
    backend = identity_backend()
    if request.method == "POST" and backend.complete(request=request, user=request.user):
        identity_record(user=request.user)  # type: ignore[arg-type]  # login_required
        messages.success(request, _("You are identified."))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = ""  # never send a freshly identified person to another site
        return redirect(target or "portfolio:home")
    return render(
        request, "accounts/identify.html", {"backend": backend, "next": request.GET.get("next", "")}
    )


@login_required
@require_GET
def my_data(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        user_data_export(user=request.user),  # type: ignore[arg-type]  # login_required
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="my-cityimpact-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The person's own page: download their data, or erase the account."""
    error = ""
    if request.method == "POST" and request.POST.get("resend"):
        if email_verification_send(user=request.user, request=request):  # type: ignore[arg-type]
            messages.success(request, _("We sent you a new link."))
        else:
            messages.error(request, _("The mail could not be sent. Please try again later."))
        return redirect("accounts:account")
    if request.method == "POST" and request.POST.get("notifications"):
        choice = request.POST["notifications"]
        if choice in User.Notifications.values:
            User.objects.filter(pk=request.user.pk or 0).update(notifications=choice)
            messages.success(request, _("Your notification choice was saved."))
        return redirect("accounts:account")
    if request.method == "POST":
        # The erase form checks the password, so it is limited like the sign-in form.
        ip, username = str(request.META.get("REMOTE_ADDR", "")), request.user.get_username()
        try:
            if login_is_blocked(ip=ip, username=username):
                raise ValidationError(_("Too many failed attempts. Wait 15 minutes and try again."))
            user_erase(user=request.user, password=request.POST.get("password", ""))  # type: ignore[arg-type]
        except ValidationError as problem:
            if not login_is_blocked(ip=ip, username=username):
                login_failures_record(ip=ip, username=username)
            error = " ".join(problem.messages)
        else:
            logout(request)
            messages.success(request, _("Your account was erased."))
            return redirect("portfolio:home")
    return render(
        request,
        "accounts/account.html",
        {"error": error, "notification_choices": User.Notifications.choices},
    )
