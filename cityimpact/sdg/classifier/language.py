"""Language detection for Finnish, Swedish and English: enough to pick the right words and
model inputs for a passage, not a general-purpose detector.

Each language is scored by its most frequent function words and by letter patterns that are
typical of it (Finnish double vowels and case endings, the Swedish å). Short or ambiguous
texts fall back to the default, so the caller can pass the language it knows instead."""

from __future__ import annotations

import re
from collections.abc import Mapping

LANGUAGES = ("fi", "sv", "en")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_FUNCTION_WORDS: Mapping[str, frozenset[str]] = {
    "fi": _words(
        "ja on ei se että oli ovat mutta kun tai myös sekä jotta joka jossa mitä miten "
        "kanssa sen niin vain tämä nämä hän me he olla ole voi tulee kaupungin kaupunki "
        "kuten jo vielä sitä siitä"
    ),
    "sv": _words(
        "och att det är som en ett för på med av till inte har den de om men också kan "
        "eller så vi ska när från denna detta dessa staden stad hur vara blir"
    ),
    "en": _words(
        "the and of to is in that for with are on as by this be it from or an at not "
        "which have has their more will can city we our also how"
    ),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Letter patterns typical of one language; each match is weak evidence (half a word).
_PATTERNS: Mapping[str, re.Pattern[str]] = {
    "fi": re.compile(
        r"aa|ee|ii|oo|uu|yy|ää|öö|uo|yö|(?:ssa|ssä|sta|stä|lla|llä|lle|ksi|nen|sti|vat|vät|ään|ista|istä|jen|ien|iin|een|öä|ää)\b"
    ),
    "sv": re.compile(r"å|ck|\b(?:sj|stj|skj|hv)|(?:arna|erna|ningen|ningar|heten|tion)\b"),
    "en": re.compile(r"th|wh|\bw|(?:ing|tion|ly|ed|ies)\b"),
}


def _scores(text: str) -> dict[str, float]:
    words = [w.casefold() for w in _WORD.findall(text)]
    scores = {lang: float(sum(w in _FUNCTION_WORDS[lang] for w in words)) for lang in LANGUAGES}
    lowered = text.casefold()
    for lang in LANGUAGES:
        scores[lang] += 0.5 * len(_PATTERNS[lang].findall(lowered))
    return scores


def detect_language(text: str, *, default: str = "en", min_evidence: float = 1.5) -> str:
    """The most likely of fi, sv and en; `default` when the text gives too little evidence."""
    scores = _scores(text)
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < min_evidence or ranked[0] == ranked[1]:
        return default
    return best
