"""The portfolio's CSV format, shared by export and import: one initiative per row.

Lists are separated by semicolons; a partner is `organisation-slug:role`. The columns are the
same both ways, so an exported file can be edited and imported back.
"""

from __future__ import annotations

LIST_SEPARATOR = ";"

COLUMNS = [
    "city",
    "slug",
    "title_en",
    "title_fi",
    "title_sv",
    "summary_en",
    "summary_fi",
    "summary_sv",
    "description_en",
    "description_fi",
    "description_sv",
    "themes",
    "programme",
    "status",
    "start_year",
    "end_year",
    "lead",
    "partners",
    "cities",
    "networks",
    "places",
    "budget_eur",
]
REQUIRED_COLUMNS = {"city", "title_en", "summary_en"}


def split_list(value: str) -> list[str]:
    return [item.strip() for item in (value or "").split(LIST_SEPARATOR) if item.strip()]


def join_list(values: list[str]) -> str:
    return LIST_SEPARATOR.join(values)
