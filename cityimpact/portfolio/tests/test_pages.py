import pytest
from django.test import Client
from django.urls import reverse

from cityimpact.core.models import AuditLogEntry
from cityimpact.portfolio.tests.factories import (
    AdoptionFactory,
    InitiativeFactory,
    OutcomeFactory,
    ParticipationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(city):
    climate = ThemeFactory(
        slug="climate-change", name_en="Climate change", name_fi="Ilmastonmuutos"
    )
    gardening = InitiativeFactory(
        city=city,
        slug="gardening",
        title_en="Urban gardening",
        title_fi="Kaupunkiviljely",
        title_sv="Stadsodling",
        themes=[climate],
    )
    OutcomeFactory(initiative=gardening, metric_en="Daycare centres", value=55, year=2018)
    OutcomeFactory(initiative=gardening, metric_en="Daycare centres", value=80, year=2020)
    AdoptionFactory(initiative=gardening)
    ParticipationFactory(initiative=gardening)
    InitiativeFactory(city=city, slug="ai-day", title_en="AI Day", start_year=2021, end_year=2021)
    return gardening


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


def test_home_shows_figures_and_latest(client, portfolio):
    response = client.get("/en/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Urban gardening" in content
    assert "Climate change" in content


def test_list_filters_by_theme_and_search(client, portfolio):
    response = client.get("/en/initiatives/", {"theme": "climate-change"})
    assert "Urban gardening" in response.content.decode()
    assert "AI Day" not in response.content.decode()
    response = client.get("/en/initiatives/", {"q": "gardening"})
    assert response.context["page"].paginator.count == 1


def test_list_htmx_request_gets_partial_with_facets_out_of_band(client, portfolio):
    response = client.get("/en/initiatives/", {"q": "AI"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert 'hx-swap-oob="true"' in content
    assert "AI Day" in content


def test_invalid_facet_value_is_ignored_not_an_error(client, portfolio):
    response = client.get("/en/initiatives/", {"year": "soon", "theme": "no such/slug"})
    assert response.status_code == 200


def test_list_paginates(client, city):
    InitiativeFactory.create_batch(25, city=city)
    first = client.get("/en/initiatives/")
    second = client.get("/en/initiatives/", {"page": 2})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5


def test_list_query_count_does_not_grow_with_rows(client, city, django_assert_max_num_queries):
    theme = ThemeFactory()
    InitiativeFactory.create_batch(20, city=city, themes=[theme])
    with django_assert_max_num_queries(12):
        client.get("/en/initiatives/")


def test_detail_in_three_languages(client, portfolio):
    url = portfolio.get_absolute_url()
    assert "Urban gardening" in client.get(url).content.decode()
    fi = client.get(url.replace("/en/", "/fi/"))
    assert "Kaupunkiviljely" in fi.content.decode()
    assert "Ilmastonmuutos" in fi.content.decode()
    sv = client.get(url.replace("/en/", "/sv/"))
    assert "Stadsodling" in sv.content.decode()


def test_detail_has_chart_data_for_metric_over_years(client, portfolio):
    response = client.get(portfolio.get_absolute_url())
    series = response.context["series"]
    assert series[0]["metric"] == "Daycare centres"
    assert [p["year"] for p in series[0]["points"]] == [2018, 2020]
    assert 'id="outcome-series"' in response.content.decode()


def test_detail_unknown_is_404(client, city):
    assert client.get("/en/initiatives/espoo/nothing/").status_code == 404


def test_detail_query_count(client, portfolio, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        client.get(portfolio.get_absolute_url())


def test_organisation_and_city_pages(client, portfolio):
    organisation = portfolio.participations.first().organisation
    response = client.get(reverse("portfolio:organisation", kwargs={"slug": organisation.slug}))
    assert "Urban gardening" in response.content.decode()
    response = client.get(reverse("portfolio:city", kwargs={"slug": portfolio.city.slug}))
    assert "Urban gardening" in response.content.decode()


def test_graph_data_links_initiatives_to_partners(client, portfolio):
    data = client.get(reverse("portfolio:graph_data")).json()
    kinds = {node["kind"] for node in data["nodes"]}
    assert kinds >= {"initiative", "organisation"}
    assert any(edge["source"] == f"i{portfolio.pk}" for edge in data["edges"])
    assert client.get(reverse("portfolio:graph")).status_code == 200


def test_staff_edits_initiative_and_sees_audit_entry(client, staff, portfolio):
    login(client, staff)
    edit_url = reverse(
        "portfolio:initiative_edit", kwargs={"city": portfolio.city.slug, "slug": portfolio.slug}
    )
    form = client.get(edit_url)
    assert form.status_code == 200
    data = {
        "title_en": "Urban food gardening",
        "summary_en": portfolio.summary_en,
        "status": "mainstreamed",
        "themes": [t.pk for t in portfolio.themes.all()],
        "partners": [p.organisation_id for p in portfolio.participations.all()],
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302
    portfolio.refresh_from_db()
    assert portfolio.title_en == "Urban food gardening"
    assert portfolio.participations.count() == 1  # kept, with its role
    history = client.get(
        reverse("portfolio:initiative_history", kwargs={"city": "espoo", "slug": portfolio.slug})
    )
    assert "Urban food gardening" in history.content.decode()


def test_edit_form_shows_errors_and_saves_nothing(client, staff, portfolio):
    login(client, staff)
    url = reverse("portfolio:initiative_edit", kwargs={"city": "espoo", "slug": portfolio.slug})
    response = client.post(
        url,
        {
            "title_en": "",
            "summary_en": "x",
            "status": "active",
            "start_year": 2022,
            "end_year": 2020,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not AuditLogEntry.objects.exists()


@pytest.mark.parametrize("role", ["resident", "moderator", "sdg_expert"])
def test_non_staff_cannot_open_edit_form(client, make_user, portfolio, role):
    login(client, make_user(role))
    url = reverse("portfolio:initiative_edit", kwargs={"city": "espoo", "slug": portfolio.slug})
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, portfolio):
    url = reverse("portfolio:initiative_edit", kwargs={"city": "espoo", "slug": portfolio.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_of_other_city_is_refused_everywhere(client, other_staff, portfolio):
    login(client, other_staff)
    kwargs = {"city": "espoo", "slug": portfolio.slug}
    for name in ("initiative_edit", "initiative_history", "outcome_create", "adoption_create"):
        assert client.get(reverse(f"portfolio:{name}", kwargs=kwargs)).status_code == 403
    assert client.post(reverse("portfolio:initiative_edit", kwargs=kwargs), {}).status_code == 403
    assert (
        client.get(reverse("portfolio:city_audit_log", kwargs={"slug": "espoo"})).status_code == 403
    )
    assert client.get(reverse("portfolio:import", kwargs={"slug": "espoo"})).status_code == 403


def test_staff_creates_initiative(client, staff, city):
    theme = ThemeFactory()
    login(client, staff)
    response = client.post(
        reverse("portfolio:initiative_create", kwargs={"city": "espoo"}),
        {
            "title_en": "Culture Call",
            "summary_en": "Art for children.",
            "status": "active",
            "themes": [theme.pk],
            "places": "Tapiola, Leppävaara",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/initiatives/espoo/culture-call/"


def test_staff_adds_outcome_with_validation(client, staff, portfolio):
    login(client, staff)
    url = reverse("portfolio:outcome_create", kwargs={"city": "espoo", "slug": portfolio.slug})
    bad = client.post(url, {"metric_en": "Children", "value": "many", "qualifier": "exact"})
    assert bad.status_code == 200 and "value" in bad.context["form"].errors
    good = client.post(url, {"metric_en": "Children", "value": "10000", "qualifier": "approx"})
    assert good.status_code == 302
    assert portfolio.outcomes.filter(metric_en="Children").exists()


def test_city_audit_log_visible_to_staff(client, staff, portfolio):
    login(client, staff)
    response = client.get(reverse("portfolio:city_audit_log", kwargs={"slug": "espoo"}))
    assert response.status_code == 200


def test_language_switcher_redirects_to_translated_url(client, portfolio):
    response = client.post(
        "/i18n/setlang/", {"language": "sv", "next": portfolio.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/sv/initiatives/")


def test_language_links_point_to_the_same_page_in_each_language(client, portfolio):
    content = client.get(portfolio.get_absolute_url()).content.decode()
    for code in ("fi", "sv", "en"):
        assert f'href="/{code}/initiatives/espoo/gardening/"' in content
