"""The languages every translated field is kept in (django-modeltranslation adds one column
per language: title_en, title_fi, title_sv), and helpers to name and fill those columns."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

LANGS: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def translated_fields(*names: str) -> tuple[str, ...]:
    """The per-language columns of each named field, field by field."""
    return tuple(f"{name}_{code}" for name in names for code in LANGS)


def texts_by_language(field: str, value: Mapping[str, str] | str | None) -> dict[str, str]:
    """The per-language columns of a field from a data file's value: one text for all
    languages, or {language: text} where a missing language falls back to English."""
    if value is None:
        return {f"{field}_{code}": "" for code in LANGS}
    if isinstance(value, str):
        return {f"{field}_{code}": value for code in LANGS}
    return {f"{field}_{code}": value.get(code) or value.get("en", "") for code in LANGS}
