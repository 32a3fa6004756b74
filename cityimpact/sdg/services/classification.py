"""The SDG classifier inside the app: one loaded model per process, and the limits that
pages, the API and the command apply to what they classify."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

from django.conf import settings

from cityimpact.sdg.classifier.artefact import DEFAULT_DIRECTORY
from cityimpact.sdg.classifier.model import MAX_PASSAGES, Classification, Classifier

_lock = threading.Lock()
_classifier: Classifier | None = None

FRAMEWORK_TARGETS = Path(__file__).resolve().parents[1] / "data" / "targets.csv"


def classifier_get() -> Classifier:
    """The process's classifier, loaded on first use (under a second) and then kept."""
    global _classifier
    with _lock:
        if _classifier is None:
            directory = Path(getattr(settings, "SDG_CLASSIFIER_DIR", "") or DEFAULT_DIRECTORY)
            _classifier = Classifier.load(directory)
        return _classifier


_running = threading.Lock()
# How long a request waits for the classifier before it is told to come back later.
WEB_WAIT_SECONDS = 20.0
# Passages scored for a document on an interactive page (about 7 000 words); the page says
# when a document was longer. Background batches and the command score up to MAX_PASSAGES.
INTERACTIVE_PASSAGES = 60


class ClassifierBusy(RuntimeError):
    """The process's classifier stayed busy for longer than the caller would wait."""


def texts_classify(
    *,
    texts: list[str | bytes],
    language: str | None = None,
    targets: int = 5,
    sentence_evidence: bool = False,
    max_passages: int = MAX_PASSAGES,
    wait: float | None = None,
) -> list[Classification]:
    """Classify with the process's model, one call at a time: the encoder already uses every
    core it is given, so parallel calls from a threaded server would only fight for them.
    With `wait`, give up after that many seconds (ClassifierBusy) instead of queueing."""
    classifier = classifier_get()
    if not _running.acquire(timeout=-1 if wait is None else wait):
        raise ClassifierBusy("the SDG classifier is busy")
    try:
        return classifier.classify(
            texts,
            language=language,
            targets=targets,
            sentence_evidence=sentence_evidence,
            max_passages=max_passages,
        )
    finally:
        _running.release()


def framework_target_texts() -> list[tuple[str, str]]:
    """(code, English text) of the 169 targets, from the bundled framework file."""
    with FRAMEWORK_TARGETS.open(encoding="utf-8") as handle:
        return [(row["code"], row["title_en"]) for row in csv.DictReader(handle)]
