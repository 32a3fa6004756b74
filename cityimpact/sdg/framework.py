"""Reading the SDG framework files in `sdg/data/` (plain Python, no Django)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGS = ("en", "fi", "sv")


def _rows(name: str, data_dir: Path) -> Iterator[dict[str, str]]:
    with (data_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def goal_rows(data_dir: Path = DATA_DIR) -> list[dict[str, object]]:
    return [
        {
            "number": int(row["code"]),
            "title_en": row["title_en"],
            **{f"short_title_{code}": row[f"short_{code}"] for code in LANGS},
            "colour": row["colour"],
        }
        for row in _rows("goals", data_dir)
    ]


def target_rows(data_dir: Path = DATA_DIR) -> list[dict[str, object]]:
    return [
        {
            "code": row["code"],
            "goal": int(row["goal"]),
            **{f"title_{code}": row[f"title_{code}"] or None for code in LANGS},
            "position": position,
        }
        for position, row in enumerate(_rows("targets", data_dir), start=1)
    ]


def indicator_rows(data_dir: Path = DATA_DIR) -> list[dict[str, object]]:
    return [
        {
            "code": row["code"],
            "target": row["target"],
            **{f"title_{code}": row[f"title_{code}"] or None for code in LANGS},
            "unsd_code": row["unsd_code"],
            "also_listed_as": row["also_listed_as"],
            "position": position,
        }
        for position, row in enumerate(_rows("indicators", data_dir), start=1)
    ]
