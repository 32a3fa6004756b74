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

    class Notifications(models.TextChoices):
        IMMEDIATE = "immediate", _("One e-mail per event")
        DAILY = "daily", _("A daily digest")
        WEEKLY = "weekly", _("A weekly digest")
        NEVER = "never", _("No e-mail")

    email_verified = models.BooleanField(_("e-mail verified"), default=False)
    notifications = models.CharField(
        _("notifications"),
        max_length=10,
        choices=Notifications.choices,
        default=Notifications.IMMEDIATE,
    )
    identified_at = models.DateTimeField(
        _("strongly identified at"),
        null=True,
        blank=True,
        help_text=_("When the person last identified with the identification service."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Notification(models.Model):
    """Something a person should hear about: an answer, a comment, a phase change."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications_received")
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("address"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text
