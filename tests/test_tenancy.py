"""Nothing of project A is reachable from project B: public pages, selectors and the staff side.

A (alpha) has partners LP, PP2 and PP3; B (beta) has only a lead partner. Every public view is
also checked for each kind of visitor.
"""

import pytest

from django.contrib import admin
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from secon.accounts.models import Membership
from secon.core.models import AuditEntry
from secon.organisations import selectors as organisation_selectors
from secon.organisations.models import Organisation, Partner, Person
from secon.projects.models import Project
from secon.projects.services import update_project
from tests.accounts.world import ROLES, build_world, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


# --- public pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "de", "es", "el"])
@pytest.mark.parametrize("code", ["pp2", "pp3"])
def test_partner_of_a_is_not_found_under_b(client, world, language, code):
    assert client.get(f"/{language}/alpha/partners/{code}/").status_code == 200
    assert client.get(f"/{language}/beta/partners/{code}/").status_code == 404


def test_project_b_page_shows_nothing_of_a(client, world):
    html = client.get("/en/beta/").content.decode()
    assert "Beta Lead Authority" in html
    for name in ["Alpha Lead Agency", "Alpha Cooperative", "Alpha Only Foundation", "ALPHA project"]:
        assert name not in html
    assert "/alpha/partners/" not in html


def test_lead_partner_code_resolves_per_project(client, world):
    assert "Alpha Lead Agency" in client.get("/en/alpha/partners/lp/").content.decode()
    html = client.get("/en/beta/partners/lp/").content.decode()
    assert "Beta Lead Authority" in html
    assert "Alpha Lead Agency" not in html


def test_organisation_page_lists_only_public_projects(client, world):
    update_project(actor=None, project=world.projects["a"], is_public=False)
    html = client.get(world.organisations["a1"].get_absolute_url()).content.decode()
    assert "ALPHA" not in html


PUBLIC_PAGES = {
    "home": lambda world: "/en/",
    "project": lambda world: "/en/alpha/",
    "partner": lambda world: "/en/alpha/partners/pp2/",
    "organisation": lambda world: world.organisations["a2"].get_absolute_url(),
    "hidden project": lambda world: "/en/hidden/",
    "partner of hidden project": lambda world: "/en/hidden/partners/lp/",
}
#: Public pages read the same for every visitor: content is published or it is not.
PUBLIC_STATUS = {
    "home": 200,
    "project": 200,
    "partner": 200,
    "organisation": 200,
    "hidden project": 404,
    "partner of hidden project": 404,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PUBLIC_PAGES))
def test_public_pages_for_every_visitor(client, world, page, role):
    hidden = update_project(actor=None, project=world.projects["b"], slug="hidden", is_public=False)
    assert hidden.slug == "hidden"
    response = client_for(client, world, role).get(PUBLIC_PAGES[page](world))
    assert response.status_code == PUBLIC_STATUS[page]
    if response.status_code == 200:
        html = response.content.decode()
        # No personal data and no internal notes on public pages, whoever looks.
        assert "person.a" not in html
        assert "notes of" not in html
        assert "Beta Lead Authority" not in html  # B is not public here


# --- selectors ---------------------------------------------------------------------------------


def test_selectors_take_the_project_and_stay_in_it(world):
    project_b = world.projects["b"]
    partners = list(organisation_selectors.list_partners(project=project_b))
    assert [partner.organisation.name for partner in partners] == ["Beta Lead Authority"]
    for code in ["pp2", "pp3"]:
        with pytest.raises(Http404):
            organisation_selectors.get_partner(project=project_b, code=code)
    assert organisation_selectors.get_partner(project=project_b, code="lp").project_id == project_b.pk


# --- the staff side ------------------------------------------------------------------------------


def _admin_querysets(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        model: admin.site._registry[model].get_queryset(request)
        for model in [Project, Partner, Organisation, Person, Membership, AuditEntry]
    }


def _of_project_a(world, model, queryset):
    """Return the rows of the queryset that belong to project A only."""
    project_a = world.projects["a"]
    a_only = {world.organisations[key].pk for key in ["a1", "a2", "a3"]}
    if model is Project:
        return queryset.filter(pk=project_a.pk)
    if model in (Partner, Membership):
        return queryset.filter(project=project_a)
    if model is AuditEntry:
        return queryset.filter(project_id=project_a.pk)
    if model is Organisation:
        return queryset.filter(pk__in=a_only)
    return queryset.filter(organisation_id__in=a_only)


def test_admin_querysets_of_b_hold_nothing_of_a(world):
    querysets = _admin_querysets(world.users["other_coordinator"])
    for model, queryset in querysets.items():
        assert queryset.exists(), model  # B's own records are there …
        assert not _of_project_a(world, model, queryset).exists(), model  # … and none of A's


def test_admin_querysets_of_a_hold_nothing_of_b(world):
    querysets = _admin_querysets(world.users["coordinator"])
    project_b = world.projects["b"]
    assert not querysets[Project].filter(pk=project_b.pk).exists()
    assert not querysets[Partner].filter(project=project_b).exists()
    assert not querysets[Organisation].filter(pk=world.organisations["b1"].pk).exists()
    assert not querysets[Person].filter(pk=world.people["b1"].pk).exists()
    assert not querysets[AuditEntry].filter(project_id=project_b.pk).exists()


@pytest.mark.parametrize(
    ("name", "view", "key"),
    [
        ("projects_project", "change", "project"),
        ("organisations_partner", "change", "partner"),
        ("organisations_organisation", "change", "organisation"),
        ("organisations_person", "change", "person"),
        ("accounts_membership", "change", "membership"),
        ("organisations_partner", "delete", "partner"),
        ("organisations_person", "delete", "person"),
        ("accounts_membership", "delete", "membership"),
    ],
)
def test_admin_urls_of_a_reveal_nothing_to_b(client, world, name, view, key):
    record = {
        "project": world.projects["a"],
        "partner": world.partners["a2"],
        "organisation": world.organisations["a2"],
        "person": world.people["a2"],
        "membership": world.memberships["editor"],
    }[key]
    client.force_login(world.users["other_coordinator"])
    url = reverse(f"admin:{name}_{view}", args=[record.pk])
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/login/" not in response["Location"]
        page = client.get(response["Location"]).content.decode()
        assert str(record) not in page.replace(f"“{record.pk}”", "")
    # Writing is refused just as firmly, and changes nothing.
    response = client.post(url, {"post": "yes", "name": "Taken over"})
    assert response.status_code in (302, 403, 404)
    assert type(record).objects.filter(pk=record.pk).exists()


def test_admin_search_and_filters_of_b_find_nothing_of_a(client, world):
    client.force_login(world.users["other_coordinator"])
    for model in ["partner", "organisation", "person"]:
        html = client.get(reverse(f"admin:organisations_{model}_changelist"), {"q": "Alpha"}).content.decode()
        assert "Alpha Cooperative" not in html
    html = client.get(
        reverse("admin:organisations_partner_changelist"), {"project": world.projects["a"].pk}
    ).content.decode()
    assert "Alpha" not in html.split('id="result_list"', 1)[-1]
