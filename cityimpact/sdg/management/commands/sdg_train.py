"""`cityimpact sdg_train`: rebuild the shipped SDG classifier from the labelled passages."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from cityimpact.sdg.classifier.artefact import DEFAULT_DIRECTORY
from cityimpact.sdg.classifier.dataset import examples_read
from cityimpact.sdg.classifier.embedding import E5Embedder
from cityimpact.sdg.classifier.training import (
    CachedEmbedder,
    EmbeddingCache,
    evaluate_artefact,
    read_target_texts,
    train,
)
from cityimpact.sdg.management.commands.sdg_evaluate import print_report
from cityimpact.sdg.services.classification import FRAMEWORK_TARGETS

PASSAGES = Path(__file__).resolve().parents[2] / "data" / "classifier" / "passages"


class Command(BaseCommand):
    help = (
        "Train the SDG classifier's heads, calibration and thresholds on the train and "
        "validation passages, measure it on the test passages and write the model folder. "
        "The same data gives the same files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=PASSAGES, help="Folder of *.jsonl files.")
        parser.add_argument("--output", type=Path, default=DEFAULT_DIRECTORY)
        parser.add_argument(
            "--cache",
            type=Path,
            default=Path(settings.BASE_DIR) / "var" / "cache" / "sdg-embeddings.npz",
            help="Embeddings kept between runs, so a rebuild embeds only changed passages.",
        )
        parser.add_argument("--no-cache", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        examples = list(examples_read(Path(options["data"]).glob("*.jsonl")))
        targets = read_target_texts(FRAMEWORK_TARGETS)
        cache = EmbeddingCache(E5Embedder(), None if options["no_cache"] else options["cache"])
        self.stdout.write(f"Training on {len(examples)} passages and {len(targets)} target texts…")
        artefact = train(examples, targets, cache.embedder, cache=cache.path)
        report = evaluate_artefact(artefact, examples, CachedEmbedder(cache))
        artefact = dataclasses.replace(artefact, metrics=report)
        artefact.save(options["output"])
        print_report(self.stdout, report)
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {artefact.version} to {options['output']} in {seconds:.0f} s."
            )
        )
