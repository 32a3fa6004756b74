"""`cityimpact send_digests --frequency daily|weekly`: mail the digests (run from cron or
Celery beat once a day / once a week)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cityimpact.accounts.notifications import digests_send


class Command(BaseCommand):
    help = "Send the daily or weekly notification digests."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        sent = digests_send(frequency=options["frequency"])
        self.stdout.write(self.style.SUCCESS(f"{sent} digests sent."))
