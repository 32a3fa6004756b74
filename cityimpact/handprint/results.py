"""A handprint result as a JSON-ready document, for the API, the pages and the print view."""

from __future__ import annotations

from typing import Any

from cityimpact.handprint import calculator as calc


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
