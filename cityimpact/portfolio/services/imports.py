"""Importing initiatives from the portfolio CSV format, all or nothing.

Every row is checked; if any row is wrong, nothing is saved and the caller gets every problem
by row (1 = the first data row after the header), column and reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cityimpact.core.models import City, Organisation
from cityimpact.portfolio import csv_format
from cityimpact.portfolio.models import Initiative, Network, Participation, Programme, Theme
from cityimpact.portfolio.services.initiatives import initiative_create, initiative_update

MAX_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportFailed(Exception):
    """The file was rejected; `errors` says where and why. Nothing was saved."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problem(s) in the file")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    slugs: list[str] = field(default_factory=list)


class _Lookups:
    """Slug → object maps, read once per import instead of once per row."""

    def __init__(self) -> None:
        self.cities = {c.slug: c for c in City.objects.all()}
        self.organisations = {o.slug: o for o in Organisation.objects.all()}
        self.programmes = {p.slug: p for p in Programme.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.networks = {n.slug: n for n in Network.objects.all()}


def _parse_row(
    *, number: int, row: Mapping[str, str], lookups: _Lookups
) -> tuple[City | None, dict[str, Any], list[RowError]]:
    errors: list[RowError] = []

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    def reference(column: str, table: Mapping[str, Any], value: str) -> Any:
        if value not in table:
            error(column, _("Unknown value '{value}'.").format(value=value))
        return table.get(value)

    def year(column: str) -> int | None:
        raw = (row.get(column) or "").strip()
        if not raw:
            return None
        if not raw.isdigit():
            error(column, _("'{value}' is not a year.").format(value=raw))
            return None
        return int(raw)

    for column in csv_format.REQUIRED_COLUMNS:
        if not (row.get(column) or "").strip():
            error(column, _("This column is required."))
    city = reference("city", lookups.cities, (row.get("city") or "").strip())
    data: dict[str, Any] = {}
    for name in csv_format.COLUMNS:
        if name.split("_")[0] in {"title", "summary", "description"}:
            data[name] = (row.get(name) or "").strip()
    if (row.get("slug") or "").strip():
        data["slug"] = row["slug"].strip()
    data["themes"] = [
        reference("themes", lookups.themes, slug)
        for slug in csv_format.split_list(row.get("themes", ""))
    ]
    programme = (row.get("programme") or "").strip()
    data["programme"] = reference("programme", lookups.programmes, programme) if programme else None
    status = (row.get("status") or "").strip() or Initiative.Status.ACTIVE
    if status not in Initiative.Status.values:
        error(
            "status",
            _("'{value}' is not one of: {choices}.").format(
                value=status, choices=", ".join(Initiative.Status.values)
            ),
        )
    data["status"] = status
    data["start_year"] = year("start_year")
    data["end_year"] = year("end_year")
    lead = (row.get("lead") or "").strip()
    data["lead"] = reference("lead", lookups.organisations, lead) if lead else None
    partners: list[tuple[Organisation, str]] = []
    for item in csv_format.split_list(row.get("partners", "")):
        slug, _sep, role = item.partition(":")
        role = role or Participation.Role.PARTNER
        if role not in Participation.Role.values:
            error("partners", _("'{value}' is not a partner role.").format(value=role))
        organisation = reference("partners", lookups.organisations, slug)
        if organisation is not None:
            partners.append((organisation, role))
    data["partners"] = partners
    data["cities"] = [
        reference("cities", lookups.cities, slug)
        for slug in csv_format.split_list(row.get("cities", ""))
    ]
    data["networks"] = [
        reference("networks", lookups.networks, slug)
        for slug in csv_format.split_list(row.get("networks", ""))
    ]
    data["places"] = csv_format.split_list(row.get("places", ""))
    budget = (row.get("budget_eur") or "").strip()
    try:
        data["budget_eur"] = Decimal(budget) if budget else None
    except InvalidOperation:
        error("budget_eur", _("'{value}' is not a number.").format(value=budget))
    # Columns absent from the file are left as they are (update) or at their defaults (create).
    column_of = {
        "partners": "partners",
        "themes": "themes",
        "cities": "cities",
        "networks": "networks",
        "places": "places",
    }
    data = {k: v for k, v in data.items() if column_of.get(k, k) in row}
    return city, data, errors


def _validation_errors(number: int, error: ValidationError) -> list[RowError]:
    if hasattr(error, "error_dict"):
        return [
            RowError(number, column if column != "__all__" else "", " ".join(messages))
            for column, messages in error.message_dict.items()
        ]
    return [RowError(number, "", " ".join(error.messages))]


def initiatives_import_csv(*, actor: Any, content: bytes | str) -> ImportResult:
    """Create or update (by city and slug) the initiatives of a CSV file, all or nothing."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFailed([RowError(0, "", _("The file is not UTF-8 text."))]) from error
    if "\x00" in content:
        # Binary files (a spreadsheet saved as .xlsx, UTF-16 text) decode with NUL characters.
        raise ImportFailed([RowError(0, "", _("The file is not a CSV text file."))])
    reader = csv.DictReader(io.StringIO(content))
    header = reader.fieldnames or []
    missing = sorted(csv_format.REQUIRED_COLUMNS - set(header))
    unknown = sorted(set(header) - set(csv_format.COLUMNS))
    header_errors = [RowError(0, c, _("Missing column.")) for c in missing] + [
        RowError(0, c, _("Unknown column.")) for c in unknown
    ]
    if header_errors:
        raise ImportFailed(header_errors)
    rows = list(reader)
    if not rows:
        raise ImportFailed([RowError(0, "", _("The file has no data rows."))])
    if len(rows) > MAX_ROWS:
        raise ImportFailed([RowError(0, "", _("At most {n} rows per file.").format(n=MAX_ROWS))])
    lookups = _Lookups()
    errors: list[RowError] = []
    result = ImportResult()
    # Raising inside the outer block rolls back every row already saved: all or nothing.
    with transaction.atomic():
        for number, row in enumerate(rows, start=1):
            city, data, row_errors = _parse_row(number=number, row=row, lookups=lookups)
            errors.extend(row_errors)
            if row_errors or city is None:
                continue
            try:
                with transaction.atomic():
                    slug = data.get("slug")
                    existing = (
                        Initiative.objects.filter(city=city, slug=slug).first() if slug else None
                    )
                    if existing is None:
                        initiative = initiative_create(actor=actor, city=city, data=data)
                        result.created += 1
                    else:
                        initiative = initiative_update(actor=actor, initiative=existing, data=data)
                        result.updated += 1
                    result.slugs.append(initiative.slug)
            except ValidationError as error:
                errors.extend(_validation_errors(number, error))
            except PermissionDenied as error:
                errors.append(RowError(number, "city", str(error)))
        if errors:
            raise ImportFailed(errors)
    return result
