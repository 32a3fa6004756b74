"""The voluntary local review report: its content gathered from the data, as HTML and PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from cityimpact.sdg import selectors
from cityimpact.sdg.models import Review
from cityimpact.sdg.sparkline import sparkline


def _indicator_chart(entry: dict[str, Any]) -> Any:
    indicator = entry["object"]
    values = [
        (v.date.year + v.date.timetuple().tm_yday / 366, float(v.value))
        for v in indicator.values.all()
    ]
    target = (
        (float(indicator.target_year), float(indicator.target_value))
        if indicator.target_value is not None and indicator.target_year
        else None
    )
    return sparkline(values=values, target=target)


def report_context(*, review: Review) -> dict[str, Any]:
    """Everything the report shows, computed from the review's records."""
    city = review.city
    goals = []
    for goal in selectors.goal_list():
        local = selectors.goal_localisation(goal=goal, city=city)
        for entry in local["indicators"]:
            entry["chart"] = _indicator_chart(entry)
        review_contributions = [c for c in local["contributions"] if c.review_id == review.pk]
        scores = [e.score for c in review_contributions for e in c.evaluations.all()]
        if any(
            (local["local_goals"], local["indicators"], local["initiatives"], review_contributions)
        ):
            goals.append(
                {
                    "goal": goal,
                    **local,
                    "contributions": review_contributions,
                    "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
                }
            )
    indicators = selectors.local_indicator_list(city=city)
    return {
        "review": review,
        "city": city,
        "figures": selectors.review_figures(review=review),
        "goals": goals,
        "annex": [
            (indicator, selectors.local_indicator_judgement(indicator=indicator))
            for indicator in indicators
        ],
        "gaps": selectors.target_gaps(city=city).count(),
    }


def report_html(*, review: Review) -> str:
    return render_to_string("sdg/report_print.html", report_context(review=review))


def report_pdf_path(*, job_id: str) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{job_id}.pdf"
