"""Highlighting the classifier's evidence: its passages or sentences in the text, and the
words typical of a goal. Everything is escaped first; only <mark> is added."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def mark_words(text: str, words: Iterable[str]) -> SafeString:
    """`text` escaped, with each of `words` (whole words, any case) in <mark>."""
    wanted = sorted({w for w in words or [] if w}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in wanted) + r")\b", re.IGNORECASE)
    pieces: list[str] = []
    cursor = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        cursor = match.end()
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))


@register.filter
def mark_spans(text: str, goals: Iterable[Any]) -> SafeString:
    """`text` escaped, with the evidence spans of the asserted goals in <mark>, each labelled
    with the goals it is evidence for."""
    spans: dict[tuple[int, int], list[int]] = {}
    for goal in goals or []:
        for evidence in goal.evidence:
            spans.setdefault((evidence.start, evidence.end), []).append(goal.goal)
    pieces: list[str] = []
    cursor = 0
    for (start, end), numbers in sorted(spans.items()):
        if start < cursor or end > len(text):
            continue  # overlapping spans (a sentence inside its passage): keep the first
        label = ", ".join(str(n) for n in sorted(numbers))
        pieces.append(escape(text[cursor:start]))
        pieces.append(
            f'<mark data-goals="{escape(label)}" title="SDG {escape(label)}">'
            f"{escape(text[start:end])}</mark>"
        )
        cursor = end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))
