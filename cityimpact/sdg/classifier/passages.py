"""Safe text and passages: documents are split into passages of a bounded length that the
model scores one by one; each passage keeps its place in the text so evidence can be shown."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Control characters other than tab and line breaks come from binary or broken input.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? followed by space and a capital letter, digit or quote; this keeps
# abbreviations such as "e.g. the" and decimals such as "3.5" inside one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-ZÅÄÖ0-9])")
_WORD = re.compile(r"\S+")
_LINE_BREAK = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Passage:
    """A piece of a text, with its character offsets in the cleaned text."""

    start: int
    end: int
    text: str


def clean_text(data: str | bytes) -> str:
    """Readable text from whatever arrives: bytes are read as UTF-8 (undecodable bytes become
    U+FFFD), lone surrogates (which no encoder can write back) become U+FFFD too, control
    characters are dropped and Unicode is normalised (NFC)."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", _CONTROL.sub(" ", text))


def sentences(text: str, *, start: int = 0, end: int | None = None) -> list[Passage]:
    """The sentences of text[start:end], with offsets into text. A line break also ends a
    sentence: headings and list items seldom end with a full stop."""
    end = len(text) if end is None else end
    found: list[Passage] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        _append_stripped(found, text, cursor, match.start())
        cursor = match.end()
    _append_stripped(found, text, cursor, end)
    return [line for piece in found for line in _lines(text, piece)]


def _lines(text: str, piece: Passage) -> list[Passage]:
    if "\n" not in piece.text:
        return [piece]
    found: list[Passage] = []
    cursor = piece.start
    for match in _LINE_BREAK.finditer(text, piece.start, piece.end):
        _append_stripped(found, text, cursor, match.start())
        cursor = match.end()
    _append_stripped(found, text, cursor, piece.end)
    return found


def split_passages(
    text: str, *, max_words: int = 120, max_passages: int | None = None, min_words: int = 12
) -> list[Passage]:
    """Split a text into passages of at most `max_words` words: paragraphs are kept whole
    when they fit, long ones are cut at sentence ends and, when a sentence alone is too long,
    between words. A fragment (under `min_words` words without a full stop, like a heading
    or a list item, or under four words) joins its neighbour; paragraphs that are sentences
    stay apart, so that a document about two things is not scored as one blurred passage.
    `max_passages` bounds the work on huge documents (the rest of the text is then not
    scored; the caller reports that)."""
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    pieces: list[Passage] = []
    for paragraph in _paragraphs(text):
        if _word_count(paragraph.text) <= max_words:
            pieces.append(paragraph)
            continue
        for sentence in sentences(text, start=paragraph.start, end=paragraph.end):
            pieces.extend(_cut_by_words(text, sentence, max_words))
    passages = _join_short(text, pieces, max_words, min_words)
    return passages if max_passages is None else passages[:max_passages]


def _append_stripped(found: list[Passage], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + (len(piece) - len(piece.lstrip()))
        found.append(Passage(offset, offset + len(stripped), stripped))


def _paragraphs(text: str) -> list[Passage]:
    found: list[Passage] = []
    cursor = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _append_stripped(found, text, cursor, match.start())
        cursor = match.end()
    _append_stripped(found, text, cursor, len(text))
    return found


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _cut_by_words(text: str, piece: Passage, max_words: int) -> list[Passage]:
    words = list(_WORD.finditer(text, piece.start, piece.end))
    if len(words) <= max_words:
        return [piece]
    cut: list[Passage] = []
    for first in range(0, len(words), max_words):
        chunk = words[first : first + max_words]
        start, end = chunk[0].start(), chunk[-1].end()
        cut.append(Passage(start, end, text[start:end]))
    return cut


def _fragment(piece: str, min_words: int) -> bool:
    words = _word_count(piece)
    return words < 4 or (words < min_words and not piece.rstrip().endswith((".", "!", "?")))


def _join_short(text: str, pieces: list[Passage], max_words: int, min_words: int) -> list[Passage]:
    joined: list[Passage] = []
    for piece in pieces:
        previous_words = _word_count(joined[-1].text) if joined else 0
        words = _word_count(piece.text)
        short = _fragment(joined[-1].text, min_words) if joined else False
        short = short or _fragment(piece.text, min_words)
        if joined and short and previous_words + words <= max_words:
            previous = joined[-1]
            joined[-1] = Passage(previous.start, piece.end, text[previous.start : piece.end])
        else:
            joined.append(piece)
    return joined
