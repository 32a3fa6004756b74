"""The classifier's own labelled passages: reading them and splitting them for training,
validation (thresholds, calibration) and a held-out test that is never tuned on.

The split is decided by a hash of each passage's id, so it does not change when passages are
added or reordered, and a passage never moves between parts across rebuilds."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cityimpact.sdg.classifier.language import LANGUAGES

SPLITS = ("train", "validation", "test")
_TARGET = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$")


@dataclass(frozen=True)
class Example:
    id: str
    language: str
    text: str
    goals: frozenset[int]
    targets: frozenset[str]
    kind: str


class DatasetError(ValueError):
    """A labelled passage that cannot be used, named by file and line."""


def split_of(example_id: str, *, validation: float = 0.15, test: float = 0.15) -> str:
    """train, validation or test for a passage id, the same on every machine and run."""
    bucket = int.from_bytes(hashlib.sha256(example_id.encode()).digest()[:8], "big") / 2**64
    if bucket < test:
        return "test"
    if bucket < test + validation:
        return "validation"
    return "train"


def examples_read(paths: Iterable[Path]) -> Iterator[Example]:
    """Examples from JSON-lines files; a malformed line is an error naming file and line."""
    seen: set[str] = set()
    for path in sorted(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                example = _example(json.loads(line))
            except (ValueError, KeyError, TypeError) as problem:
                raise DatasetError(f"{where}: {problem}") from problem
            if example.id in seen:
                raise DatasetError(f"{where}: the id {example.id!r} is used twice")
            seen.add(example.id)
            yield example


def _example(row: dict[str, object]) -> Example:
    language, text = str(row["language"]), str(row["text"]).strip()
    goals = frozenset(int(goal) for goal in row["goals"])  # type: ignore[attr-defined]
    targets = frozenset(str(target) for target in row["targets"])  # type: ignore[attr-defined]
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if not text:
        raise ValueError("empty text")
    if not goals <= set(range(1, 18)):
        raise ValueError(f"goals must be 1-17: {sorted(goals)}")
    for target in targets:
        match = _TARGET.match(target)
        if match is None or int(match.group(1)) not in goals:
            raise ValueError(f"target {target!r} is not a target of the passage's goals")
    return Example(
        id=str(row["id"]),
        language=language,
        text=text,
        goals=goals,
        targets=targets,
        kind=str(row.get("kind", "")),
    )
