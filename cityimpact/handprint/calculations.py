"""Turning a JSON assessment into a calculation and its result into JSON (API and pages)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cityimpact.handprint import calculator as calc
from cityimpact.handprint.models import EmissionFactor
from cityimpact.handprint.results import result_document
from cityimpact.handprint.selectors import factor_for_calculation


class CalculationError(Exception):
    """Input that names a field and what is wrong with it."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__(errors)


def _distribution(data: Mapping[str, Any] | None, field: str) -> calc.Distribution:
    data = data or {}
    try:
        return calc.Distribution(
            calc.Shape(data.get("shape", "exact")),
            low=data.get("low"),
            high=data.get("high"),
            sd=data.get("sd"),
            gsd=data.get("gsd"),
        )
    except ValueError as error:
        raise CalculationError({field: [str(error)]}) from error


def build_calculation(data: Mapping[str, Any]) -> calc.Assessment:
    """Validated API data as a calculator assessment; factors from the library (latest
    version unless one is named)."""
    factors: dict[str, calc.Factor] = {}
    systems = {}
    errors: dict[str, list[str]] = {}
    for system_name in ("baseline", "solution"):
        inputs = []
        for index, line in enumerate(data[system_name]["inputs"]):
            field = f"{system_name}.inputs[{index}]"
            rows = EmissionFactor.objects.filter(key=line["factor"]).order_by("-version")
            if "version" in line:
                rows = rows.filter(version=line["version"])
            factor = rows.first()
            if factor is None:
                errors[f"{field}.factor"] = [f"Unknown factor {line['factor']!r}."]
                continue
            key = f"{factor.key}@{factor.version}"
            factors[key] = factor_for_calculation(factor)
            try:
                calc.conversion(line["unit"], factor.unit)
                inputs.append(
                    calc.Input(
                        calc.Stage(line["stage"]),
                        key,
                        line["amount"],
                        line["unit"],
                        line.get("label", ""),
                        _distribution(line.get("uncertainty"), f"{field}.uncertainty"),
                    )
                )
            except calc.UnitMismatch as error:
                errors[f"{field}.unit"] = [f"{error} The factor is per {factor.unit}."]
            except ValueError as error:
                errors[field] = [str(error)]
        systems[system_name] = calc.System(data[system_name]["name"], tuple(inputs))
    if errors:
        raise CalculationError(errors)
    scaling = None
    if data.get("scaling"):
        scaling_data = dict(data["scaling"])
        by_key = {key.split("@")[0]: key for key in factors}
        changes: dict[str, dict[int, float]] = {}
        for index, change in enumerate(scaling_data.pop("factor_changes", [])):
            full_key = by_key.get(change["factor"])
            if full_key is None:
                raise CalculationError(
                    {
                        f"scaling.factor_changes[{index}].factor": [
                            f"{change['factor']!r} is not a factor of this inventory."
                        ]
                    }
                )
            changes.setdefault(full_key, {})[change["year"]] = change["kgco2e_per_unit"]
        scaling = calc.Scaling(**scaling_data, factor_by_year=changes)
    return calc.Assessment(
        functional_unit=data["functional_unit"],
        baseline=systems["baseline"],
        solution=systems["solution"],
        factors=factors,
        scaling=scaling,
        storage_kgco2e_per_unit=data.get("storage_kgco2e_per_unit", 0.0),
    )


def calculate_payload(data: Mapping[str, Any]) -> dict[str, Any]:
    monte_carlo = data.get("monte_carlo") or {}
    return result_document(
        build_calculation(data),
        draws=monte_carlo.get("draws", 10_000),
        seed=monte_carlo.get("seed", 1),
    )
