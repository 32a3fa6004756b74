"""`cityimpact sdg_evaluate`: the shipped classifier's figures on the held-out passages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser, OutputWrapper

from cityimpact.sdg.classifier.artefact import DEFAULT_DIRECTORY, Artefact
from cityimpact.sdg.classifier.dataset import SPLITS, examples_read
from cityimpact.sdg.classifier.embedding import E5Embedder
from cityimpact.sdg.classifier.training import evaluate_artefact

PASSAGES = Path(__file__).resolve().parents[2] / "data" / "classifier" / "passages"
_COLUMNS = ("support", "precision", "recall", "f1", "accuracy", "balanced_accuracy")


def print_report(out: OutputWrapper, report: dict[str, Any]) -> None:
    """Per language (and overall): one row per goal, then the micro-average."""
    for part in ("overall", *sorted(k for k in report if len(k) == 2)):
        figures = report[part]
        out.write(f"\n{part} ({figures['texts']} texts, {report['split']} part)\n")
        out.write("goal " + " ".join(f"{c[:9]:>9}" for c in _COLUMNS) + "\n")
        rows = [*figures["goals"].items(), ("micro", figures["micro"])]
        for goal, row in rows:
            out.write(f"{goal:>5}" + " ".join(f"{row[c]:>9}" for c in _COLUMNS) + "\n")
        out.write(
            f"mean per-goal accuracy {figures['mean_accuracy']:.3f}, "
            f"balanced {figures['mean_balanced_accuracy']:.3f}\n"
        )
    if report.get("target_top1") is not None:
        out.write(f"\nbest target among the labelled targets: {report['target_top1']:.3f}\n")


class Command(BaseCommand):
    help = "Precision, recall, F1 and accuracy per goal and per language on the test passages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--model", type=Path, default=DEFAULT_DIRECTORY)
        parser.add_argument("--data", type=Path, default=PASSAGES)
        parser.add_argument("--split", choices=SPLITS, default="test")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        artefact = Artefact.load(options["model"])
        examples = list(examples_read(Path(options["data"]).glob("*.jsonl")))
        report = evaluate_artefact(artefact, examples, E5Embedder(), split=options["split"])
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=1))
            return
        self.stdout.write(f"Model {artefact.version}")
        print_report(self.stdout, report)
