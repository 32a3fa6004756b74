"""`cityimpact import_initiatives FILE --user NAME`: import a portfolio CSV, all or nothing."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cityimpact.portfolio.services.imports import ImportFailed, initiatives_import_csv


class Command(BaseCommand):
    help = (
        "Create or update initiatives from a CSV file in the export's format. If any row is "
        "wrong, nothing is saved, every problem is printed and the exit status is 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="Username the changes are recorded under (city staff)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {options['user']!r}.") from error
        try:
            content = options["file"].read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}") from error
        try:
            result = initiatives_import_csv(actor=user, content=content)
        except ImportFailed as failure:
            for e in failure.errors:
                self.stderr.write(f"row {e.row}, column {e.column or '-'}: {e.message}")
            raise CommandError(f"{failure}; nothing was saved.") from failure
        self.stdout.write(
            self.style.SUCCESS(f"{result.created} created, {result.updated} updated.")
        )
