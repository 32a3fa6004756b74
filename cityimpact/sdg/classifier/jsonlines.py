"""JSON lines in, JSON lines out: the classifier's batch interface, shared by the command.

Each input line is `{"id": "...", "text": "..."}`; each output line is the classification
with the same id, in input order. A line that cannot be read gets an error line (named by its
id when it has one, else by its line number) and the other lines still run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from cityimpact.sdg.classifier.model import Classification

MAX_TEXT_CHARACTERS = 2_000_000
# Texts classified together: a larger batch lets the encoder group passages of similar
# length (less padding); the character bound keeps memory small when texts are documents.
BATCH = 256
BATCH_CHARACTERS = 2_000_000


class TextClassifier(Protocol):
    def classify(
        self, texts: list[str | bytes], *, language: str | None = ..., targets: int = ...
    ) -> list[Classification]: ...


@dataclass
class StreamSummary:
    read: int = 0
    failed: int = 0


@dataclass(frozen=True)
class _Item:
    line: int
    id: Any
    text: str | None
    error: str | None


def _parse(number: int, line: str) -> _Item:
    try:
        row = json.loads(line)
    except ValueError as problem:
        return _Item(number, None, None, f"not valid JSON: {problem}")
    if not isinstance(row, dict):
        return _Item(number, None, None, "each line must be a JSON object")
    identifier = row.get("id", number)
    if not isinstance(identifier, str | int) or isinstance(identifier, bool):
        return _Item(number, None, None, '"id" must be a string or a number')
    text = row.get("text")
    if not isinstance(text, str):
        return _Item(number, identifier, None, '"text" must be a string')
    if len(text) > MAX_TEXT_CHARACTERS:
        return _Item(number, identifier, None, f'"text" is over {MAX_TEXT_CHARACTERS} characters')
    return _Item(number, identifier, text, None)


def classify_lines(
    lines: Iterable[str],
    classifier: TextClassifier,
    *,
    language: str | None = None,
    targets: int = 5,
    summary: StreamSummary | None = None,
) -> Iterator[str]:
    """Output lines for the input lines, in order; blank input lines are skipped."""
    summary = summary if summary is not None else StreamSummary()
    batch: list[_Item] = []
    characters = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        summary.read += 1
        batch.append(_parse(number, line))
        characters += len(batch[-1].text or "")
        if len(batch) == BATCH or characters >= BATCH_CHARACTERS:
            yield from _run(batch, classifier, language, targets, summary)
            batch, characters = [], 0
    yield from _run(batch, classifier, language, targets, summary)


def _run(
    batch: list[_Item],
    classifier: TextClassifier,
    language: str | None,
    targets: int,
    summary: StreamSummary,
) -> Iterator[str]:
    good = [item for item in batch if item.error is None]
    results = iter(
        classifier.classify([item.text or "" for item in good], language=language, targets=targets)
    )
    for item in batch:
        if item.error is not None:
            summary.failed += 1
            where = {"id": item.id} if item.id is not None else {"line": item.line}
            yield json.dumps({**where, "error": item.error}, ensure_ascii=False)
            continue
        row = next(results).as_dict()
        yield json.dumps({"id": item.id, **row}, ensure_ascii=False)
