"""Sign-up: a username, an e-mail address to verify, and a password."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from cityimpact.accounts.models import User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail address"), help_text=_("We send a link to verify it."))
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(
            attrs={"class": "honeypot-input", "tabindex": "-1", "autocomplete": "off"}
        ),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website", "")
        if value:
            raise forms.ValidationError(_("This form was not filled in by a person."))
        return value

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this address exists already."))
        return email
