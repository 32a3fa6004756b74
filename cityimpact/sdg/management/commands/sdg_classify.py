"""`cityimpact sdg_classify`: classify JSON lines from stdin or a file, one result per line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cityimpact.sdg.classifier.jsonlines import StreamSummary, classify_lines
from cityimpact.sdg.classifier.language import LANGUAGES
from cityimpact.sdg.services.classification import classifier_get


class Command(BaseCommand):
    help = (
        'Read JSON lines {"id": ..., "text": ...} and write one JSON line per input with the '
        "goal scores, the asserted goals and the top targets. Exits with status 1 if any line "
        "failed; the other lines are still classified."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", type=Path, help="A JSON-lines file (default: stdin).")
        parser.add_argument("--language", choices=LANGUAGES, help="Skip language detection.")
        parser.add_argument("--targets", type=int, default=5, help="Top targets per text.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["targets"] < 0 or options["targets"] > 169:
            raise CommandError("--targets must be between 0 and 169.")
        path: Path | None = options["input"]
        try:
            stream = path.open(encoding="utf-8", errors="replace") if path else sys.stdin
        except OSError as problem:
            raise CommandError(f"Cannot read {path}: {problem.strerror}") from None
        summary = StreamSummary()
        with stream:
            for line in classify_lines(
                stream,
                classifier_get(),
                language=options["language"],
                targets=options["targets"],
                summary=summary,
            ):
                self.stdout.write(line)
        if summary.failed:
            self.stderr.write(f"{summary.failed} of {summary.read} lines failed.")
            sys.exit(1)
