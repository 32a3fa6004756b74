"""`cityimpact load_campaigns_demo`: Espoo's example campaigns (once)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cityimpact.campaigns.demo import campaigns_demo_load
from cityimpact.core.selectors import tenant_default


class Command(BaseCommand):
    help = "Load example campaigns into the first tenant city that has none."

    def handle(self, *args: Any, **options: Any) -> None:
        city = tenant_default()
        if city is None:
            raise CommandError("No tenant city yet: run `cityimpact load_demo` first.")
        created = campaigns_demo_load(city=city)
        if created:
            summary = ", ".join(f"{n} {kind}" for kind, n in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"Campaign demo loaded: {summary}."))
        else:
            self.stdout.write("Campaign demo already present; nothing changed.")
