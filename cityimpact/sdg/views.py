"""Pages of the SDG framework: the wheel, goals, targets and indicators."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cityimpact.core.caching import public_page_cache
from cityimpact.sdg import selectors
from cityimpact.sdg.models import Goal, Indicator, Target
from cityimpact.sdg.wheel import wheel_segments


@require_GET
@public_page_cache
def goal_wheel(request: HttpRequest) -> HttpResponse:
    goals = list(selectors.goal_list())
    segments = {segment.number: segment for segment in wheel_segments(count=len(goals) or 17)}
    return render(
        request,
        "sdg/wheel.html",
        {"goals": [(goal, segments[goal.number]) for goal in goals]},
    )


@require_GET
@public_page_cache
def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    try:
        goal = selectors.goal_get(number=number)
    except Goal.DoesNotExist as error:
        raise Http404(_("No such goal.")) from error
    return render(request, "sdg/goal_detail.html", {"goal": goal})


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
