"""Evidence words: per goal and language, the word stems that most set the goal's passages
apart from the rest of the training data.

The decision itself comes from the embedding heads; these words only show a person which
words in the text are typical of the asserted goal, so the suggestion can be checked at a
glance. Stems are word prefixes, which suits Finnish and Swedish inflection well enough
for highlighting."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
STEM_LENGTH = 6

Lexicon = dict[str, dict[str, list[str]]]  # goal ("1".."17") → language → stems


def stem(word: str) -> str:
    return word.casefold()[:STEM_LENGTH]


def _stems(text: str) -> set[str]:
    return {stem(word) for word in _WORD.findall(text)}


def lexicon_build(
    documents: Iterable[tuple[str, str, frozenset[int]]],
    *,
    per_goal: int = 80,
    min_count: int = 2,
) -> Lexicon:
    """From (language, text, goals) triples: the stems with the highest weighted log-odds
    (informative Dirichlet prior, Monroe et al. 2008) of appearing in the goal's texts."""
    rows = list(documents)
    lexicon: Lexicon = {}
    for language in sorted({language for language, _, _ in rows}):
        texts = [(_stems(text), goals) for lang, text, goals in rows if lang == language]
        background = Counter(s for stems, _ in texts for s in stems)
        total = sum(background.values())
        for goal in range(1, 18):
            inside = Counter(s for stems, goals in texts if goal in goals for s in stems)
            inside_total = sum(inside.values())
            if not inside_total:
                continue
            scored = []
            for word, count in inside.items():
                if count < min_count:
                    continue
                prior = background[word]
                outside = prior - count
                outside_total = total - inside_total
                delta = math.log((count + prior / 10) / (inside_total + total / 10 - count)) - (
                    math.log((outside + prior / 10) / (outside_total + total / 10 - outside))
                )
                variance = 1 / (count + prior / 10) + 1 / (outside + prior / 10)
                scored.append((delta / math.sqrt(variance), word))
            scored.sort(key=lambda pair: (-pair[0], pair[1]))
            best = [word for score, word in scored[:per_goal] if score > 1.5]
            lexicon.setdefault(str(goal), {})[language] = best
    return lexicon


def evidence_words(text: str, stems: Sequence[str], *, most: int = 8) -> list[str]:
    """The words of `text` whose stem is in `stems`, once each, in the order they appear."""
    wanted = set(stems)
    found: list[str] = []
    seen: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0)
        key = word.casefold()
        if stem(word) in wanted and key not in seen:
            seen.add(key)
            found.append(word)
            if len(found) == most:
                break
    return found
