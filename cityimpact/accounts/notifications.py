"""Notifications by e-mail: one mail per event, or a daily or weekly digest, as each person
chooses. Every notification is stored first, so a digest never misses one."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cityimpact.accounts.models import Notification, User


def notify(*, user: Any, text: str, url: str = "") -> None:
    """Store a notification; mail it at once if the person wants one mail per event."""
    if user is None or not user.is_active:
        return
    notification = Notification.objects.create(user=user, text=text[:500], url=url[:300])
    if user.notifications == User.Notifications.IMMEDIATE and user.email:
        # robust: a mail server that is down must not turn the saved action into a 500 (the
        # notification stays unsent and is logged).
        transaction.on_commit(lambda: _send(user=user, notifications=[notification]), robust=True)


def _send(*, user: Any, notifications: list[Notification]) -> None:
    lines = [f"- {n.text}" + (f"\n  {n.url}" if n.url else "") for n in notifications]
    send_mail(
        subject=_("News from cityimpact"),
        message="\n".join(lines),
        from_email=None,
        recipient_list=[user.email],
    )
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=timezone.now())


def digests_send(*, frequency: str) -> int:
    """Mail each person on `frequency` their unsent notifications in one message; returns
    how many mails went out. Run daily and weekly (cron or Celery beat)."""
    sent = 0
    users = (
        User.objects.filter(
            notifications=frequency, is_active=True, notifications_received__sent_at=None
        )
        .exclude(email="")
        .distinct()
    )
    for user in users:
        pending = list(user.notifications_received.filter(sent_at=None))
        if pending:
            _send(user=user, notifications=pending)
            sent += 1
    return sent
