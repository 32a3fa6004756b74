"""Reads of the portfolio: lists with facets and search, detail pages, figures and the graph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet, Sum
from django.utils.translation import get_language

from cityimpact.core.models import City, Organisation
from cityimpact.portfolio import csv_format
from cityimpact.portfolio.models import (
    Adoption,
    Initiative,
    Network,
    Outcome,
    Participation,
    Theme,
)
from cityimpact.portfolio.services.search_index import SEARCH_CONFIG

WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class InitiativeFilters:
    """What a visitor narrowed the list down to. Empty values mean no filter."""

    q: str = ""
    theme: str = ""
    programme: str = ""
    status: str = ""
    year: int | None = None  # active at some point of this year
    partner: str = ""  # organisation slug
    city: str = ""  # owning or partner city slug
    network: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


def _search_terms(q: str) -> list[str]:
    return WORD.findall(q.casefold())[:10]


def _apply_search(initiatives: QuerySet[Initiative], q: str) -> QuerySet[Initiative]:
    terms = _search_terms(q)
    if not terms:
        return initiatives
    if connection.vendor == "postgresql":
        # Prefix matching stands in for stemming across fi, sv and en ("päiväkoti" finds
        # "päiväkotien"); terms are plain words, so the raw query cannot be malformed.
        query = SearchQuery(
            " & ".join(f"{term}:*" for term in terms), config=SEARCH_CONFIG, search_type="raw"
        )
        return initiatives.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    for term in terms:
        initiatives = initiatives.filter(search_text__contains=term)
    return initiatives


def initiative_list(*, filters: InitiativeFilters | None = None) -> QuerySet[Initiative]:
    """Initiatives matching the filters, ready for a list (related rows fetched up front)."""
    filters = filters or InitiativeFilters()
    initiatives: QuerySet[Initiative] = Initiative.objects.select_related(
        "city", "programme", "lead"
    ).prefetch_related("themes")
    if filters.theme:
        initiatives = initiatives.filter(themes__slug=filters.theme)
    if filters.programme:
        initiatives = initiatives.filter(programme__slug=filters.programme)
    if filters.status:
        initiatives = initiatives.filter(status=filters.status)
    if filters.year:
        initiatives = initiatives.filter(
            Q(start_year__lte=filters.year) | Q(start_year__isnull=True),
            Q(end_year__gte=filters.year) | Q(end_year__isnull=True),
        ).exclude(start_year__isnull=True, end_year__isnull=True)
    if filters.partner:
        initiatives = initiatives.filter(
            Q(participations__organisation__slug=filters.partner) | Q(lead__slug=filters.partner)
        )
    if filters.city:
        initiatives = initiatives.filter(Q(city__slug=filters.city) | Q(cities__slug=filters.city))
    if filters.network:
        initiatives = initiatives.filter(networks__slug=filters.network)
    if filters.partner or filters.city:
        initiatives = initiatives.distinct()
    initiatives = _apply_search(initiatives, filters.q)
    if filters.q and connection.vendor == "postgresql":
        return initiatives.order_by(F("rank").desc(), "title")
    return initiatives.order_by(F("start_year").desc(nulls_last=True), "title", "pk")


def _facet_rows(
    rows: QuerySet[Any], prefix: str, *, initiative: str = "initiative_id"
) -> dict[str, dict[str, Any]]:
    """Count distinct initiatives per related object in one grouped query.

    `rows` is a table with one row per (initiative, object) pair, `prefix` the path to the
    object (`theme`, `organisation`…). Labels are read in the current language with English
    as the fallback, as modeltranslation does for model instances."""
    name = f"{prefix}__name_{get_language() or 'en'}"
    if name.rsplit("_", 1)[1] not in {code for code, _label in settings.LANGUAGES}:
        name = f"{prefix}__name_en"
    grouped = rows.values(f"{prefix}__slug", name, f"{prefix}__name_en").annotate(
        count=Count(initiative, distinct=True)
    )
    return {
        row[f"{prefix}__slug"]: {
            "value": row[f"{prefix}__slug"],
            "label": row[name] or row[f"{prefix}__name_en"],
            "count": row["count"],
        }
        for row in grouped
    }


def _through_rows(relation: Any) -> QuerySet[Any]:
    """The rows of a many-to-many table (one per initiative and related object)."""
    rows: QuerySet[Any] = relation.through.objects.all()
    return rows


def _merge_counts(
    *parts: dict[str, dict[str, Any]], limit: int | None = None
) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for part in parts:
        for slug, row in part.items():
            if slug in merged:
                merged[slug]["count"] += row["count"]
            else:
                merged[slug] = dict(row)
    ordered = sorted(merged.values(), key=lambda row: (-row["count"], row["label"]))
    return ordered[:limit] if limit else ordered


def initiative_facets(*, filters: InitiativeFilters) -> dict[str, list[dict[str, Any]]]:
    """For each facet, its values with how many initiatives of the current result have them.

    One grouped query per facet (two for partners and cities, which count the lead and the
    owning city too, as the filters do), so the cost does not grow with the number of values.
    Without filters the counts run over whole tables, with no subquery at all."""
    initiatives = Initiative.objects.all()
    if not filters.is_empty:
        initiatives = Initiative.objects.filter(
            pk__in=initiative_list(filters=filters).order_by().values("pk")
        )
    links: dict[str, Any] = {
        "themes": _through_rows(Initiative.themes),
        "networks": _through_rows(Initiative.networks),
        "cities": _through_rows(Initiative.cities),
        "participations": Participation.objects.all(),
    }
    if not filters.is_empty:
        links = {name: rows.filter(initiative__in=initiatives) for name, rows in links.items()}
    status_labels = dict(Initiative.Status.choices)
    statuses = initiatives.order_by().values("status").annotate(count=Count("pk"))
    return {
        "theme": _merge_counts(_facet_rows(links["themes"], "theme")),
        "programme": _merge_counts(
            _facet_rows(
                initiatives.exclude(programme=None).order_by(), "programme", initiative="pk"
            )
        ),
        "status": [
            {"value": row["status"], "label": status_labels[row["status"]], "count": row["count"]}
            for row in statuses.order_by("status")
        ],
        "network": _merge_counts(_facet_rows(links["networks"], "network")),
        "partner": _merge_counts(
            _facet_rows(initiatives.exclude(lead=None).order_by(), "lead", initiative="pk"),
            # A lead that is also listed as a partner is counted once, as its lead.
            _facet_rows(
                links["participations"].exclude(organisation=F("initiative__lead")), "organisation"
            ),
            limit=30,
        ),
        "city": _merge_counts(
            _facet_rows(initiatives.order_by(), "city", initiative="pk"),
            _facet_rows(links["cities"].exclude(city=F("initiative__city")), "city"),
            limit=30,
        ),
    }


def initiative_years() -> list[int]:
    """Years that some initiative covers, for the period filter."""
    bounds = Initiative.objects.exclude(start_year__isnull=True).aggregate(
        low=Min("start_year"), high_start=Max("start_year"), high_end=Max("end_year")
    )
    low = bounds["low"]
    high = max(bounds["high_start"] or 0, bounds["high_end"] or 0)
    return list(range(high, low - 1, -1)) if low else []


def initiative_get(*, city_slug: str, slug: str) -> Initiative:
    """One initiative with everything its page shows; raises Initiative.DoesNotExist."""
    return (
        Initiative.objects.select_related("city", "programme__funder", "lead")
        .prefetch_related(
            "themes",
            "networks",
            "places",
            "links",
            "lessons",
            "cities",
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation").order_by(
                    "role", "organisation__name"
                ),
            ),
            Prefetch("outcomes", queryset=Outcome.objects.order_by("metric", "year", "pk")),
            Prefetch("adoptions", queryset=Adoption.objects.select_related("city", "organisation")),
        )
        .get(city__slug=city_slug, slug=slug)
    )


def initiative_related(*, initiative: Initiative, limit: int = 4) -> list[Initiative]:
    """Initiatives that share the most themes, partners and networks with this one."""
    partner_ids = [p.organisation_id for p in initiative.participations.all()]
    theme_ids = [t.pk for t in initiative.themes.all()]
    network_ids = [n.pk for n in initiative.networks.all()]
    parts: list[Any] = []  # weighted counts: shared partners 3, networks 2, themes 1
    if partner_ids:
        parts.append(
            Count(
                "participations__organisation",
                distinct=True,
                filter=Q(participations__organisation__in=partner_ids),
            )
            * 3
        )
    if network_ids:
        parts.append(Count("networks", distinct=True, filter=Q(networks__in=network_ids)) * 2)
    if theme_ids:
        parts.append(Count("themes", distinct=True, filter=Q(themes__in=theme_ids)) * 1)
    if not parts:
        return []
    score = parts[0]
    for part in parts[1:]:
        score = score + part
    related = (
        Initiative.objects.exclude(pk=initiative.pk)
        .annotate(score=score)
        .filter(score__gt=0)
        .select_related("city")
        .order_by("-score", "title", "pk")
    )
    return list(related[:limit])


def outcome_series(*, initiative: Initiative) -> list[dict[str, Any]]:
    """Metrics of an initiative measured in several years, as chart series."""
    by_metric: dict[str, list[Outcome]] = {}
    for outcome in initiative.outcomes.all():
        if outcome.year:
            by_metric.setdefault(outcome.metric, []).append(outcome)
    return [
        {
            "metric": metric,
            "unit": outcomes[0].unit,
            "points": [{"year": o.year, "value": float(o.value)} for o in outcomes],
        }
        for metric, outcomes in by_metric.items()
        if len({o.year for o in outcomes}) > 1
    ]


def portfolio_headline_figures(*, city: City | None = None) -> dict[str, int]:
    initiatives = Initiative.objects.all()
    if city is not None:
        initiatives = initiatives.filter(city=city)
    counts = initiatives.aggregate(
        initiatives=Count("pk", distinct=True),
        partners=Count("participations__organisation", distinct=True),
        partner_cities=Count("cities", distinct=True),
    )
    adoptions = Adoption.objects.filter(initiative__in=initiatives).count()
    outcomes = Outcome.objects.filter(initiative__in=initiatives).count()
    return {**counts, "adoptions": adoptions, "outcomes": outcomes}


def theme_list_with_counts() -> QuerySet[Theme]:
    return Theme.objects.annotate(count=Count("initiatives")).order_by("name")


def initiative_latest(*, limit: int = 6) -> QuerySet[Initiative]:
    return initiative_list().order_by(F("start_year").desc(nulls_last=True), "-pk")[:limit]


def organisation_get(*, slug: str) -> Organisation:
    return Organisation.objects.select_related("city").get(slug=slug)


def organisation_initiatives(*, organisation: Organisation) -> QuerySet[Initiative]:
    return (
        initiative_list()
        .filter(Q(participations__organisation=organisation) | Q(lead=organisation))
        .distinct()
    )


def city_get(*, slug: str) -> City:
    return City.objects.get(slug=slug)


def city_initiatives(*, city: City) -> dict[str, Any]:
    """What a city page shows: its own initiatives, those it joins, those it adopted."""
    return {
        "own": initiative_list().filter(city=city),
        "partner": initiative_list().filter(cities=city),
        "adopted": Adoption.objects.filter(city=city).select_related("initiative__city"),
        "networks": Network.objects.filter(memberships__city=city).distinct(),
    }


def budget_total(*, initiatives: QuerySet[Initiative]) -> Any:
    return initiatives.aggregate(total=Sum("budget_eur"))["total"]


def network_graph(*, city: City | None = None) -> dict[str, list[dict[str, Any]]]:
    """Nodes and edges linking initiatives to their partner organisations and cities."""
    initiatives = Initiative.objects.all()
    if city is not None:
        initiatives = initiatives.filter(city=city)
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []

    def organisation_node(org: Organisation) -> str:
        key = f"o{org.pk}"
        nodes.setdefault(key, {"id": key, "label": org.name, "kind": "organisation"})
        return key

    for initiative in initiatives.select_related("city", "lead"):
        nodes[f"i{initiative.pk}"] = {
            "id": f"i{initiative.pk}",
            "label": initiative.title,
            "kind": "initiative",
            "url": initiative.get_absolute_url(),
        }
        if initiative.lead is not None:
            target = organisation_node(initiative.lead)
            edges.append({"source": f"i{initiative.pk}", "target": target, "kind": "lead"})
    participations = Participation.objects.filter(initiative__in=initiatives).select_related(
        "organisation"
    )
    for participation in participations:
        target = organisation_node(participation.organisation)
        edges.append(
            {
                "source": f"i{participation.initiative_id}",
                "target": target,
                "kind": participation.role,
            }
        )
    city_links: Any = Initiative.cities.through
    through = city_links.objects.filter(initiative__in=initiatives).select_related("city")
    for link in through:
        key = f"c{link.city_id}"
        nodes.setdefault(key, {"id": key, "label": link.city.name, "kind": "city"})
        edges.append({"source": f"i{link.initiative_id}", "target": key, "kind": "city"})
    return {"nodes": list(nodes.values()), "edges": edges}


def initiative_export_queryset() -> QuerySet[Initiative]:
    """Everything the exports write, fetched in a fixed number of queries."""
    return (
        Initiative.objects.select_related("city", "programme", "lead")
        .prefetch_related(
            "themes",
            "cities",
            "networks",
            "places",
            "links",
            "lessons",
            Prefetch(
                "participations", queryset=Participation.objects.select_related("organisation")
            ),
            "outcomes",
            Prefetch("adoptions", queryset=Adoption.objects.select_related("city", "organisation")),
        )
        .order_by("city__slug", "slug")
    )


def initiative_export_row(*, initiative: Initiative) -> dict[str, str]:
    """One initiative as a CSV row (see csv_format.COLUMNS)."""
    from_list = csv_format.join_list
    row = {
        "city": initiative.city.slug,
        "slug": initiative.slug,
        "themes": from_list([t.slug for t in initiative.themes.all()]),
        "programme": initiative.programme.slug if initiative.programme else "",
        "status": initiative.status,
        "start_year": str(initiative.start_year or ""),
        "end_year": str(initiative.end_year or ""),
        "lead": initiative.lead.slug if initiative.lead else "",
        "partners": from_list(
            [f"{p.organisation.slug}:{p.role}" for p in initiative.participations.all()]
        ),
        "cities": from_list([c.slug for c in initiative.cities.all()]),
        "networks": from_list([n.slug for n in initiative.networks.all()]),
        "places": from_list([p.name for p in initiative.places.all()]),
        "budget_eur": "" if initiative.budget_eur is None else str(initiative.budget_eur),
    }
    for field in ("title", "summary", "description"):
        for code in ("en", "fi", "sv"):
            row[f"{field}_{code}"] = getattr(initiative, f"{field}_{code}") or ""
    return row


def initiative_export_document(*, initiative: Initiative) -> dict[str, Any]:
    """One initiative for the JSON export: the CSV row plus outcomes, adoptions and lessons."""
    langs = ("en", "fi", "sv")

    def texts(obj: Any, field: str) -> dict[str, str]:
        return {code: getattr(obj, f"{field}_{code}") or "" for code in langs}

    return {
        **initiative_export_row(initiative=initiative),
        "partners": [
            {"organisation": p.organisation.slug, "role": p.role}
            for p in initiative.participations.all()
        ],
        "links": [
            {"url": link.url, "label": texts(link, "label")} for link in initiative.links.all()
        ],
        "outcomes": [
            {
                "metric": texts(o, "metric"),
                "value": str(o.value),
                "value_high": None if o.value_high is None else str(o.value_high),
                "qualifier": o.qualifier,
                "unit": texts(o, "unit"),
                "year": o.year,
                "period_start": o.period_start,
                "period_end": o.period_end,
                "note": texts(o, "note"),
            }
            for o in initiative.outcomes.all()
        ],
        "adoptions": [
            {
                "city": a.city.slug if a.city else None,
                "organisation": a.organisation.slug if a.organisation else None,
                "region": texts(a, "region"),
                "year": a.year,
                "how": texts(a, "how"),
            }
            for a in initiative.adoptions.all()
        ],
        "lessons": [
            {"title": texts(lesson, "title"), "text": texts(lesson, "text")}
            for lesson in initiative.lessons.all()
        ],
    }


def initiative_get_by_id(*, pk: int) -> Initiative:
    """One initiative by id (for other apps that link to it); raises Initiative.DoesNotExist."""
    return Initiative.objects.select_related("city").get(pk=pk)


def initiative_get_by_slug(*, city: City, slug: str) -> Initiative:
    """One initiative of a city by slug; raises Initiative.DoesNotExist."""
    return Initiative.objects.select_related("city").get(city=city, slug=slug)
