"""Turning a JSON assessment into a calculation and its result into JSON (API and pages)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cityimpact.handprint import calculator as calc
from cityimpact.handprint.models import EmissionFactor
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
        scaling = calc.Scaling(**data["scaling"])
    return calc.Assessment(
        functional_unit=data["functional_unit"],
        baseline=systems["baseline"],
        solution=systems["solution"],
        factors=factors,
        scaling=scaling,
        storage_kgco2e_per_unit=data.get("storage_kgco2e_per_unit", 0.0),
    )


def result_document(
    assessment: calc.Assessment, *, draws: int = 10_000, seed: int = 1
) -> dict[str, Any]:
    """The result as JSON: footprints by stage and line, handprint, years, uncertainty."""
    result = calc.assess(assessment)
    summary = calc.simulate(assessment, draws=draws, seed=seed)

    def footprint(fp: Any) -> dict[str, Any]:
        return {
            "total_kgco2e": fp.total,
            "by_stage": {str(stage): value for stage, value in fp.by_stage().items()},
            "lines": [
                {"stage": str(c.stage), "label": c.label, "factor": c.factor, "kgco2e": c.kgco2e}
                for c in fp.contributions
            ],
        }

    counts, edges = summary.histogram()
    return {
        "functional_unit": result.functional_unit,
        "baseline": footprint(result.baseline),
        "solution": footprint(result.solution),
        "handprint_kgco2e_per_unit": result.handprint,
        "handprint_relative": result.relative,
        "handprint_exists": result.exists,
        "verdict": result.verdict,
        "storage_kgco2e_per_unit": result.storage_kgco2e_per_unit,
        "storage_note": "Carbon stored in products is reported beside the handprint, never netted.",
        "years": [
            {"year": y.year, "units": y.units, "handprint_kgco2e": y.handprint}
            for y in result.years
        ],
        "cumulative_kgco2e": result.cumulative,
        "uncertainty": {
            "exact": summary.exact,
            "draws": summary.draws,
            "seed": summary.seed,
            "mean": summary.mean,
            "median": summary.median,
            "p5": summary.p5,
            "p95": summary.p95,
            "histogram": {"counts": counts, "edges": edges},
            "tornado": [
                {"input": s.label, "low": s.low, "high": s.high} for s in calc.tornado(assessment)
            ],
        },
        "factors": [
            {"key": f.key, "kgco2e_per_unit": f.kgco2e_per_unit, "unit": f.unit, "source": f.source}
            for f in assessment.factors.values()
        ],
    }


def calculate_payload(data: Mapping[str, Any]) -> dict[str, Any]:
    monte_carlo = data.get("monte_carlo") or {}
    return result_document(
        build_calculation(data),
        draws=monte_carlo.get("draws", 10_000),
        seed=monte_carlo.get("seed", 1),
    )
