"""The Django admin follows portfolio.permissions: staff see and change only their city."""

import pytest

from cityimpact.core.models import AuditLogEntry
from cityimpact.core.tests.factories import OrganisationFactory
from cityimpact.portfolio.tests.factories import InitiativeFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiatives(city, other_city):
    return InitiativeFactory(city=city, title_en="Espoo one"), InitiativeFactory(
        city=other_city, title_en="Vantaa one"
    )


def test_staff_list_shows_only_own_city(client, staff, initiatives):
    client.force_login(staff)
    content = client.get("/en/admin/portfolio/initiative/").content.decode()
    assert "Espoo one" in content
    assert "Vantaa one" not in content


def test_staff_cannot_open_other_city_initiative(client, staff, initiatives):
    client.force_login(staff)
    response = client.get(f"/en/admin/portfolio/initiative/{initiatives[1].pk}/change/")
    assert response.status_code in (302, 403, 404)
    assert "Vantaa one" not in response.content.decode()


def test_admin_sees_every_city(client, admin_user, initiatives):
    client.force_login(admin_user)
    content = client.get("/en/admin/portfolio/initiative/").content.decode()
    assert "Espoo one" in content and "Vantaa one" in content


@pytest.mark.parametrize("role", ["resident", "moderator", "sdg_expert"])
def test_other_roles_have_no_admin(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get("/en/admin/portfolio/initiative/").status_code == 302


def test_admin_change_is_audited(client, staff, initiatives):
    client.force_login(staff)
    initiative = initiatives[0]
    url = f"/en/admin/portfolio/initiative/{initiative.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "slug": initiative.slug,
        "title_en": "Espoo renamed",
        "summary_en": initiative.summary_en,
        "status": "active",
        "themes": [ThemeFactory().pk],
        "participations-TOTAL_FORMS": 0,
        "participations-INITIAL_FORMS": 0,
        "outcomes-TOTAL_FORMS": 0,
        "outcomes-INITIAL_FORMS": 0,
        "links-TOTAL_FORMS": 0,
        "links-INITIAL_FORMS": 0,
        "city": initiative.city_id,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get()
    assert entry.changes["title_en"] == ["Espoo one", "Espoo renamed"]
    assert entry.actor == staff


def test_reference_data_change_in_admin_is_audited(client, staff):
    organisation = OrganisationFactory(slug="vtt", name_en="VTT")
    client.force_login(staff)
    url = f"/en/admin/core/organisation/{organisation.pk}/change/"
    response = client.post(
        url,
        {"slug": "vtt", "name_en": "VTT Technical Research Centre", "kind": "research_institute"},
    )
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get()
    assert entry.changes["name_en"] == ["VTT", "VTT Technical Research Centre"]


def test_bulk_delete_in_admin_is_audited(client, admin_user, initiatives):
    client.force_login(admin_user)
    response = client.post(
        "/en/admin/portfolio/initiative/",
        {
            "action": "delete_selected",
            "_selected_action": [i.pk for i in initiatives],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert AuditLogEntry.objects.filter(action="delete").count() == 2
