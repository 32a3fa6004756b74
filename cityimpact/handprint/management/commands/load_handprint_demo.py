"""`cityimpact load_handprint_demo`: Espoo's example handprint assessments (once)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cityimpact.core.selectors import tenant_default
from cityimpact.handprint.demo import handprint_demo_load


class Command(BaseCommand):
    help = "Load example handprint assessments into the first tenant city that has none."

    def handle(self, *args: Any, **options: Any) -> None:
        city = tenant_default()
        if city is None:
            raise CommandError("No tenant city yet: run `cityimpact load_demo` first.")
        created = handprint_demo_load(city=city)
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Handprint demo loaded: {created['assessment']} assessments.")
            )
        else:
            self.stdout.write("Handprint demo already present; nothing changed.")
