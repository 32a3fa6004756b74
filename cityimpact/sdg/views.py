"""Pages of the SDG framework: the wheel, goals, targets and indicators."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cityimpact.core.caching import public_page_cache
from cityimpact.core.selectors import tenant_default
from cityimpact.sdg import selectors
from cityimpact.sdg.models import Goal, Indicator, Target
from cityimpact.sdg.wheel import wheel_segments

COVERAGE_OPACITY = {0: 0.18, 1: 0.55, 2: 1.0}


@require_GET
@public_page_cache
def goal_wheel(request: HttpRequest) -> HttpResponse:
    """The 17 goals as a wheel, each coloured by how much the city acts on and measures it."""
    city = tenant_default()
    goals = list(selectors.goal_list())
    segments = {segment.number: segment for segment in wheel_segments(count=len(goals) or 17)}
    coverage = selectors.goal_coverage(city=city)
    rows = []
    for goal in goals:
        counts = coverage[goal.number]
        level = selectors.coverage_level(counts)
        rows.append(
            {
                "goal": goal,
                "segment": segments[goal.number],
                "counts": counts,
                "level": level,
                "opacity": COVERAGE_OPACITY[level],
            }
        )
    return render(request, "sdg/wheel.html", {"rows": rows, "city": city})


@require_GET
@public_page_cache
def target_gap_list(request: HttpRequest) -> HttpResponse:
    city = tenant_default()
    return render(
        request,
        "sdg/gaps.html",
        {"city": city, "targets": selectors.target_gaps(city=city)},
    )


@require_GET
@public_page_cache
def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    try:
        goal = selectors.goal_get(number=number)
    except Goal.DoesNotExist as error:
        raise Http404(_("No such goal.")) from error
    city = tenant_default()
    localisation = selectors.goal_localisation(goal=goal, city=city)
    return render(
        request,
        "sdg/goal_detail.html",
        {
            "goal": goal,
            "city": city,
            **localisation,
            "series": [entry["series"] for entry in localisation["indicators"]],
        },
    )


@require_GET
@public_page_cache
def target_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        target = selectors.target_get(code=code)
    except Target.DoesNotExist as error:
        raise Http404(_("No such target.")) from error
    return render(request, "sdg/target_detail.html", {"target": target, "goal": target.goal})


@require_GET
@public_page_cache
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        indicator = selectors.indicator_get(code=code)
    except Indicator.DoesNotExist as error:
        raise Http404(_("No such indicator.")) from error
    return render(
        request,
        "sdg/indicator_detail.html",
        {
            "indicator": indicator,
            "target": indicator.target,
            "goal": indicator.target.goal,
            "same_as": selectors.indicator_same_as(indicator=indicator),
        },
    )
