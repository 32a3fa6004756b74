"""Highlighting the classifier's evidence: its passages or sentences in the text, and the
words typical of a goal. Everything is escaped first; only <mark> is added."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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
    """`text` escaped, with every evidence span of the asserted goals in <mark>. Spans may
    overlap (a sentence inside its passage, the same passage for two goals): the text is cut
    at every span boundary and each piece is labelled with all the goals whose evidence
    covers it."""
    spans = [
        (max(0, e.start), min(len(text), e.end), goal.goal)
        for goal in goals or []
        for e in goal.evidence
        if e.start < e.end
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[str] = []
    for start, end in itertools.pairwise(cuts):
        covering = sorted({g for s, e, g in spans if s <= start and end <= e})
        piece: str = escape(text[start:end])
        if covering:
            label = escape(", ".join(str(n) for n in covering))
            title = escape(gettext("Goals {numbers}").format(numbers=", ".join(map(str, covering))))
            piece = f'<mark data-goals="{label}" title="{title}">{piece}</mark>'
        pieces.append(piece)
    return mark_safe("".join(pieces))
