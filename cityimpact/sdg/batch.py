"""A batch of uploaded documents classified in the background, with a CSV of the results.

The view saves the extracted texts under MEDIA_ROOT/sdg-batches/<job id>.json (not in the
broker message, which should stay small); the task reads them, reports progress per
document and writes <job id>.csv, which only the job's owner can download."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse

from cityimpact.core.services import job_finish, job_progress
from cityimpact.sdg.services.classification import texts_classify

GOALS = range(1, 18)


def batch_folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "sdg-batches"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def batch_input_path(*, job_id: str) -> Path:
    return batch_folder() / f"{job_id}.json"


def batch_csv_path(*, job_id: str) -> Path:
    return batch_folder() / f"{job_id}.csv"


def batch_save(*, job_id: str, documents: list[dict[str, str]]) -> None:
    """documents: [{"name": ..., "text": ...}] as extracted from the uploads."""
    text = json.dumps(documents, ensure_ascii=False)
    batch_input_path(job_id=job_id).write_text(text, encoding="utf-8")


def _csv_safe(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @ as formulas; file names are user input."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def batch_classify(*, job_id: str, language: str | None = None) -> None:
    source = batch_input_path(job_id=job_id)
    documents = json.loads(source.read_text(encoding="utf-8"))
    total = len(documents)
    header = [
        "document",
        "language",
        "passages",
        "goals",
        "targets",
        *[f"goal_{g}" for g in GOALS],
    ]
    with batch_csv_path(job_id=job_id).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for done, document in enumerate(documents):
            job_progress(job_id=job_id, done=done, total=total, message=document["name"][:200])
            (result,) = texts_classify(texts=[document["text"]], language=language, targets=3)
            writer.writerow(
                [
                    _csv_safe(document["name"]),
                    result.language,
                    result.passages,
                    " ".join(str(g.goal) for g in result.goals),
                    " ".join(code for code, _ in result.targets),
                    *[f"{result.scores[g]:.4f}" for g in GOALS],
                ]
            )
    job_progress(job_id=job_id, done=total, total=total)
    job_finish(
        job_id=job_id,
        result={"url": reverse("sdg:classify_csv", kwargs={"job_id": job_id}), "documents": total},
    )
