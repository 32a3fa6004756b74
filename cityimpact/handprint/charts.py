"""Chart.js specifications of handprint results, built on the server and drawn by
static/js/cityimpact.js from a json_script element (no inline scripts)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

BLUE, GREEN, ORANGE = "#0b4f8a", "#1b6e3a", "#a34a00"


def stage_chart(result: dict[str, Any], *, baseline: str, solution: str) -> dict[str, Any]:
    stages = list(result["baseline"]["by_stage"])
    return {
        "type": "bar",
        "data": {
            "labels": stages,
            "datasets": [
                {
                    "label": baseline,
                    "data": [result["baseline"]["by_stage"][s] for s in stages],
                    "backgroundColor": ORANGE,
                },
                {
                    "label": solution,
                    "data": [result["solution"]["by_stage"][s] for s in stages],
                    "backgroundColor": GREEN,
                },
            ],
        },
        "options": {"plugins": {"title": {"display": True, "text": "kg CO2e / functional unit"}}},
    }


def waterfall_chart(result: dict[str, Any], *, baseline: str, solution: str) -> dict[str, Any]:
    """From the baseline's footprint, each stage's change, down (or up) to the solution's."""
    level = result["baseline"]["total_kgco2e"]
    labels, bars, colours = [baseline], [[0, level]], [ORANGE]
    for stage, value in result["baseline"]["by_stage"].items():
        delta = result["solution"]["by_stage"][stage] - value
        if delta:
            labels.append(stage)
            bars.append(sorted((level, level + delta)))
            colours.append(GREEN if delta < 0 else ORANGE)
            level += delta
    labels.append(solution)
    bars.append([0, level])
    colours.append(BLUE)
    return {
        "type": "bar",
        "data": {
            "labels": labels,
            "datasets": [{"label": "kg CO2e", "data": bars, "backgroundColor": colours}],
        },
        "options": {"plugins": {"legend": {"display": False}}},
    }


def histogram_chart(result: dict[str, Any]) -> dict[str, Any]:
    edges = result["uncertainty"]["histogram"]["edges"]
    labels = [f"{(a + b) / 2:.4g}" for a, b in pairwise(edges)]
    return {
        "type": "bar",
        "data": {
            "labels": labels,
            "datasets": [
                {
                    "label": "draws",
                    "data": result["uncertainty"]["histogram"]["counts"],
                    "backgroundColor": BLUE,
                }
            ],
        },
        "options": {"plugins": {"legend": {"display": False}}},
    }


def tornado_chart(result: dict[str, Any]) -> dict[str, Any]:
    """Floating bars from the handprint at each input's 5th to its 95th percentile."""
    rows = result["uncertainty"]["tornado"]
    return {
        "type": "bar",
        "data": {
            "labels": [row["input"] for row in rows],
            "datasets": [
                {
                    "label": "5 % … 95 %",
                    "data": [sorted((row["low"], row["high"])) for row in rows],
                    "backgroundColor": BLUE,
                }
            ],
        },
        "options": {"indexAxis": "y", "plugins": {"legend": {"display": False}}},
    }


def portfolio_chart(portfolio: dict[str, Any]) -> dict[str, Any]:
    colours = [BLUE, GREEN, ORANGE, "#5c4400"]
    return {
        "type": "bar",
        "data": {
            "labels": portfolio["years"],
            "datasets": [
                {
                    "label": row["mechanism"],
                    "data": row["values"],
                    "backgroundColor": colours[i % 4],
                }
                for i, row in enumerate(portfolio["totals"])
            ],
        },
        "options": {
            "scales": {
                "x": {"stacked": True},
                "y": {"stacked": True, "title": {"display": True, "text": "t CO2e"}},
            }
        },
    }
