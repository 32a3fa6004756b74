"""Pages of the portfolio. Each view validates input, calls a selector or service, renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from cityimpact.core.caching import cached_for_content, public_page_cache
from cityimpact.core.extensions import initiative_panels_render
from cityimpact.core.models import City, Organisation
from cityimpact.core.selectors import audit_log_list, tenant_default
from cityimpact.portfolio import selectors
from cityimpact.portfolio.forms import (
    AdoptionForm,
    InitiativeFilterForm,
    InitiativeForm,
    OutcomeForm,
)
from cityimpact.portfolio.models import Adoption, Initiative, Outcome
from cityimpact.portfolio.permissions import (
    can_edit_city_content,
    can_view_audit_log,
    ensure_can_edit_city_content,
)
from cityimpact.portfolio.services import (
    adoption_create,
    adoption_update,
    initiative_create,
    initiative_update,
    outcome_create,
    outcome_delete,
    outcome_update,
)

PAGE_SIZE = 20


def _initiative_or_404(city: str, slug: str) -> Initiative:
    try:
        return selectors.initiative_get(city_slug=city, slug=slug)
    except Initiative.DoesNotExist as error:
        raise Http404(_("No such initiative.")) from error


@require_GET
@public_page_cache
def home(request: HttpRequest) -> HttpResponse:
    tenant = tenant_default()
    return render(
        request,
        "portfolio/home.html",
        {
            "tenant": tenant,
            "figures": selectors.portfolio_headline_figures(city=tenant),
            "themes": selectors.theme_list_with_counts(),
            "latest": selectors.initiative_latest(limit=6),
        },
    )


@require_GET
@public_page_cache
def initiative_list(request: HttpRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(selectors.initiative_list(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context: dict[str, Any] = {
        "form": form,
        "filters": filters,
        "page": page,
        # Facet counts are the costly part of the page and the same for everyone.
        "facet_fields": cached_for_content(
            name="facets", parts=(filters,), compute=lambda: _facet_fields(filters)
        ),
        "query_without_page": _query_without(request, "page"),
    }
    if request.headers.get("HX-Request"):
        context["htmx"] = True  # the partial then also swaps the facets out of band
        response = render(request, "portfolio/partials/initiative_results.html", context)
    else:
        response = render(request, "portfolio/initiative_list.html", context)
    patch_vary_headers(response, ["HX-Request"])  # browsers must not mix partial and page
    return response


FACET_LABELS = [
    ("theme", _lazy("Theme"), _lazy("All themes")),
    ("programme", _lazy("Programme"), _lazy("All programmes")),
    ("status", _lazy("Status"), _lazy("Any status")),
    ("year", _lazy("Active in year"), _lazy("Any year")),
    ("partner", _lazy("Partner"), _lazy("Any partner")),
    ("city", _lazy("City"), _lazy("Any city")),
    ("network", _lazy("Network"), _lazy("Any network")),
]


def _facet_fields(filters: selectors.InitiativeFilters) -> list[dict[str, Any]]:
    """One select per facet: its options with counts, and the value chosen now."""
    facets = selectors.initiative_facets(filters=filters)
    facets["year"] = [
        {"value": year, "label": str(year), "count": None} for year in selectors.initiative_years()
    ]
    return [
        {
            "name": name,
            "label": label,
            "any": any_label,
            "options": facets[name],
            "selected": getattr(filters, name),
        }
        for name, label, any_label in FACET_LABELS
    ]


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_GET
@public_page_cache
def initiative_detail(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    initiative = _initiative_or_404(city, slug)
    return render(
        request,
        "portfolio/initiative_detail.html",
        {
            "initiative": initiative,
            "related": selectors.initiative_related(initiative=initiative),
            "series": selectors.outcome_series(initiative=initiative),
            "can_edit": can_edit_city_content(user=request.user, city_id=initiative.city_id),
            "panels": initiative_panels_render(request=request, initiative=initiative),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create_view(request: HttpRequest, city: str) -> HttpResponse:
    tenant = get_object_or_404(City, slug=city)
    ensure_can_edit_city_content(user=request.user, city_id=tenant.pk)
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = initiative_create(
                actor=request.user, city=tenant, data=form.service_data()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The initiative was created."))
            return redirect(initiative)
    return render(request, "portfolio/initiative_form.html", {"form": form, "city": tenant})


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit_view(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    initiative = _initiative_or_404(city, slug)
    ensure_can_edit_city_content(user=request.user, city_id=initiative.city_id)
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            initiative_update(actor=request.user, initiative=initiative, data=form.service_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(initiative)
    return render(
        request,
        "portfolio/initiative_form.html",
        {"form": form, "city": initiative.city, "initiative": initiative},
    )


def _child_form_view(
    request: HttpRequest,
    *,
    initiative: Initiative,
    form_class: type[Any],
    instance: Any,
    create: Any,
    update: Any,
    title: str,
) -> HttpResponse:
    ensure_can_edit_city_content(user=request.user, city_id=initiative.city_id)
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if instance is None:
                create(actor=request.user, initiative=initiative, data=data)
            else:
                update(request.user, type(instance).objects.get(pk=instance.pk), data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(initiative)
    return render(
        request,
        "portfolio/child_form.html",
        {"form": form, "initiative": initiative, "title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit_view(
    request: HttpRequest, city: str, slug: str, pk: int | None = None
) -> HttpResponse:
    initiative = _initiative_or_404(city, slug)
    outcome = get_object_or_404(Outcome, pk=pk, initiative=initiative) if pk else None
    return _child_form_view(
        request,
        initiative=initiative,
        form_class=OutcomeForm,
        instance=outcome,
        create=outcome_create,
        update=lambda actor, obj, data: outcome_update(actor=actor, outcome=obj, data=data),
        title=_("Edit outcome") if outcome else _("Add an outcome"),
    )


@login_required
@require_http_methods(["POST"])
def outcome_delete_view(request: HttpRequest, city: str, slug: str, pk: int) -> HttpResponse:
    initiative = _initiative_or_404(city, slug)
    outcome = get_object_or_404(Outcome, pk=pk, initiative=initiative)
    outcome_delete(actor=request.user, outcome=outcome)
    messages.success(request, _("The outcome was deleted."))
    return redirect(initiative)


@login_required
@require_http_methods(["GET", "POST"])
def adoption_edit_view(
    request: HttpRequest, city: str, slug: str, pk: int | None = None
) -> HttpResponse:
    initiative = _initiative_or_404(city, slug)
    adoption = get_object_or_404(Adoption, pk=pk, initiative=initiative) if pk else None
    return _child_form_view(
        request,
        initiative=initiative,
        form_class=AdoptionForm,
        instance=adoption,
        create=adoption_create,
        update=lambda actor, obj, data: adoption_update(actor=actor, adoption=obj, data=data),
        title=_("Edit adoption") if adoption else _("Add an adoption"),
    )


@login_required
@require_GET
def initiative_history(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    initiative = _initiative_or_404(city, slug)
    if not can_view_audit_log(user=request.user, city_id=initiative.city_id):
        raise PermissionDenied
    entries = audit_log_list(city=initiative.city).filter(
        object_type="portfolio.initiative", object_id=str(initiative.pk)
    )
    return render(
        request, "portfolio/history.html", {"initiative": initiative, "entries": entries[:200]}
    )


@login_required
@require_GET
def city_audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    if not can_view_audit_log(user=request.user, city_id=city.pk):
        raise PermissionDenied
    page = Paginator(audit_log_list(city=city), 50).get_page(request.GET.get("page"))
    return render(request, "portfolio/audit_log.html", {"city": city, "page": page})


@require_GET
@public_page_cache
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = selectors.organisation_get(slug=slug)
    except Organisation.DoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "portfolio/organisation_detail.html",
        {
            "organisation": organisation,
            "initiatives": selectors.organisation_initiatives(organisation=organisation),
        },
    )


@require_GET
@public_page_cache
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        city = selectors.city_get(slug=slug)
    except City.DoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "portfolio/city_detail.html",
        {
            "city": city,
            **selectors.city_initiatives(city=city),
            "figures": selectors.portfolio_headline_figures(city=city) if city.is_tenant else None,
            "can_view_audit": can_view_audit_log(user=request.user, city_id=city.pk),
        },
    )


@require_GET
def network_graph_page(request: HttpRequest) -> HttpResponse:
    return render(request, "portfolio/graph.html")


@require_GET
@public_page_cache
def network_graph_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.network_graph())
