import pytest
from django.utils import translation

from cityimpact.core.tests.factories import CityFactory, OrganisationFactory
from cityimpact.portfolio.selectors import (
    InitiativeFilters,
    initiative_facets,
    initiative_list,
    initiative_years,
)
from cityimpact.portfolio.services.search_index import initiatives_reindex
from cityimpact.portfolio.tests.factories import (
    InitiativeFactory,
    NetworkFactory,
    ParticipationFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(city):
    climate = ThemeFactory(slug="climate", name_en="Climate", name_fi="Ilmasto")
    digital = ThemeFactory(slug="digital", name_en="Digital", name_fi="")
    vtt = OrganisationFactory(slug="vtt", name_en="VTT")
    leipzig = CityFactory(slug="leipzig", name_en="Leipzig", is_tenant=False)
    sparcs = InitiativeFactory(
        city=city,
        slug="sparcs",
        title_en="SPARCS positive energy districts",
        themes=[climate],
        programme=ProgrammeFactory(slug="h2020"),
        start_year=2019,
        end_year=2024,
        lead=vtt,
    )
    sparcs.cities.add(leipzig)
    sparcs.networks.add(NetworkFactory(slug="eurocities"))
    ParticipationFactory(initiative=sparcs, organisation=vtt, role="coordinator")
    agenda = InitiativeFactory(
        city=city,
        slug="agenda",
        title_en="Digital Agenda",
        title_fi="Digiagenda",
        themes=[digital],
        start_year=2015,
        end_year=2021,
        status="completed",
    )
    ParticipationFactory(initiative=agenda, organisation=vtt)
    initiatives_reindex(initiative_ids=[sparcs.pk, agenda.pk])  # the services do this on save
    return sparcs, agenda


def facet(facets, name):
    return {row["value"]: row["count"] for row in facets[name]}


def test_facets_count_the_whole_portfolio(portfolio):
    facets = initiative_facets(filters=InitiativeFilters())
    assert facet(facets, "theme") == {"climate": 1, "digital": 1}
    assert facet(facets, "status") == {"active": 1, "completed": 1}
    assert facet(facets, "programme") == {"h2020": 1}
    assert facet(facets, "network") == {"eurocities": 1}
    # VTT leads SPARCS (and is its coordinator) and is a partner of the agenda: 2, not 3.
    assert facet(facets, "partner") == {"vtt": 2}
    # The owning city counts, like the filter: Espoo owns both, Leipzig joins one.
    assert facet(facets, "city") == {"espoo": 2, "leipzig": 1}


def test_facets_follow_the_filters(portfolio):
    facets = initiative_facets(filters=InitiativeFilters(theme="digital"))
    assert facet(facets, "theme") == {"digital": 1}
    assert facet(facets, "city") == {"espoo": 1}


def test_facet_labels_are_in_the_current_language(portfolio):
    with translation.override("fi"):
        labels = {
            row["value"]: row["label"]
            for row in initiative_facets(filters=InitiativeFilters())["theme"]
        }
    assert labels == {"climate": "Ilmasto", "digital": "Digital"}  # no Finnish name: English


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (InitiativeFilters(q="energy districts"), {"sparcs"}),
        (InitiativeFilters(q="ENERGY"), {"sparcs"}),
        (InitiativeFilters(q="digiagenda"), {"agenda"}),  # Finnish title
        (InitiativeFilters(q="vtt"), {"sparcs", "agenda"}),  # partner names are searched
        (InitiativeFilters(q="energy digital"), set()),
        (InitiativeFilters(q="'; drop table --"), set()),
        (InitiativeFilters(year=2020), {"sparcs", "agenda"}),
        (InitiativeFilters(year=2023), {"sparcs"}),
        (InitiativeFilters(partner="vtt"), {"sparcs", "agenda"}),
        (InitiativeFilters(city="leipzig"), {"sparcs"}),
        (InitiativeFilters(city="espoo"), {"sparcs", "agenda"}),
        (InitiativeFilters(network="eurocities", status="active"), {"sparcs"}),
    ],
)
def test_list_filters_and_search(portfolio, filters, expected):
    assert {i.slug for i in initiative_list(filters=filters)} == expected


def test_years_span_the_portfolio(portfolio):
    assert initiative_years() == list(range(2024, 2014, -1))
