"""`cityimpact load_sdg_framework`: refresh the SDG framework from sdg/data/ (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from cityimpact.core.services import content_version_bump
from cityimpact.sdg.services.framework import sdg_framework_load


class Command(BaseCommand):
    help = "Create or update the SDG goals, targets and indicators from the bundled data files."

    def handle(self, *args: Any, **options: Any) -> None:
        created = sdg_framework_load()
        content_version_bump()  # texts may have changed: cached pages go stale
        total = sum(created.values())
        self.stdout.write(self.style.SUCCESS(f"SDG framework up to date ({total} new rows)."))
