"""The user account. Roles are groups (see roles.py); staff belong to one city."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: a resident, a moderator, a city employee, an SDG expert or an
    administrator. City staff work for one city and may change only that city's data."""

    city = models.ForeignKey(
        "core.City",
        verbose_name=_("city"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("The city this person works for, if they are city staff."),
    )
    email_verified = models.BooleanField(_("e-mail verified"), default=False)
    identified_at = models.DateTimeField(
        _("strongly identified at"),
        null=True,
        blank=True,
        help_text=_("When the person last identified with the identification service."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
