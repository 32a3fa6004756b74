"""`cityimpact load_sdg_demo`: Espoo's SDG links, local goals and indicators and example
review (run after load_demo; adds only what is missing)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cityimpact.core.selectors import tenant_default
from cityimpact.sdg.services.demo import sdg_demo_load
from cityimpact.sdg.services.suggestions import suggestions_demo_load


class Command(BaseCommand):
    help = "Load the SDG demo data of the first tenant city. Adds only what is missing."

    def handle(self, *args: Any, **options: Any) -> None:
        city = tenant_default()
        if city is None:
            raise CommandError("No tenant city yet: run `cityimpact load_demo` first.")
        created = sdg_demo_load(city=city)
        suggested = suggestions_demo_load(city=city)
        if suggested:
            created["suggestion"] = suggested
        if created:
            summary = ", ".join(f"{n} {kind}" for kind, n in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"SDG demo data loaded: {summary}."))
        else:
            self.stdout.write("SDG demo data already present; nothing changed.")
