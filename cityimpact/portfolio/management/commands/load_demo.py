"""`cityimpact load_demo`: add the Espoo demo portfolio (idempotent)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cityimpact.accounts.services import roles_ensure
from cityimpact.portfolio.services.demo import DEMO_FILE, demo_load


class Command(BaseCommand):
    help = "Load the Espoo demo portfolio. Adds only what is missing; never overwrites edits."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="YAML file to load.")

    def handle(self, *args: Any, **options: Any) -> None:
        roles_ensure()
        created = demo_load(path=options["file"])
        if created:
            summary = ", ".join(f"{count} {kind}" for kind, count in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")
