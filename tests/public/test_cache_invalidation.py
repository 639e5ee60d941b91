"""Cached public pages refresh exactly when the data they show change through the services.

Two projects share one organisation: SECON (lead "north", partners "shared" and "south") and OTHER
("shared" and "east"). Every test warms the pages, changes something through a service, then checks
which pages show the change at once and which are still served from the cache.
"""

import pytest

from secon.organisations import services as organisation_services
from secon.projects import services as project_services
from tests.factories import OrganisationFactory, PartnerFactory, ProjectFactory, RegionFactory

pytestmark = pytest.mark.django_db

HOME = "/en/"
SECON = "/en/secon/"
SECON_LP = "/en/secon/partners/lp/"
SECON_PP2 = "/de/secon/partners/pp2/"
OTHER = "/en/other/"
OTHER_PP2 = "/en/other/partners/pp2/"
NORTH = "/en/organisations/north/"
SHARED = "/en/organisations/shared/"
EAST = "/en/organisations/east/"
ALL = [HOME, SECON, SECON_LP, SECON_PP2, OTHER, OTHER_PP2, NORTH, SHARED, EAST]


@pytest.fixture
def world():
    west = RegionFactory(code="ZZ1", name="Westgebiet", names={"en": "West", "de": "Westen"})
    east_region = RegionFactory(code="ZZ2", name="Ostgebiet", names={"en": "East"})
    north = OrganisationFactory(slug="north", name="North Cooperative", region=west)
    shared = OrganisationFactory(slug="shared", name="Shared Foundation", region=east_region)
    east = OrganisationFactory(slug="east", name="East Agency", region=east_region)
    secon = ProjectFactory(slug="secon", acronym="SECON", title={"en": "Social economy"})
    other = ProjectFactory(slug="other", acronym="OTHER", title={"en": "Other things"})
    PartnerFactory(project=secon, organisation=north, number=1, role="lead").regions.set([west])
    PartnerFactory(project=secon, organisation=shared, number=2).regions.set([west])
    PartnerFactory(project=other, organisation=east, number=1, role="lead").regions.set([east_region])
    PartnerFactory(project=other, organisation=shared, number=2).regions.set([east_region])
    return {"west": west, "east": east_region, "north": north, "shared": shared, "east_org": east}


def warm(client):
    for url in ALL:
        assert client.get(url).status_code == 200, url
    assert {url: client.get(url)["X-Page-Cache"] for url in ALL} == dict.fromkeys(ALL, "hit")


def refreshed(client) -> set[str]:
    """Return the pages not served from the cache on the next visit."""
    return {url for url in ALL if client.get(url).get("X-Page-Cache") != "hit"}


def html(client, url) -> str:
    return client.get(url).content.decode()


def test_renaming_an_organisation_refreshes_its_page_and_its_projects(
    client, world, django_capture_on_commit_callbacks
):
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.update_organisation(
            actor=None, organisation=world["shared"], name="Shared Foundation for Work"
        )
    assert refreshed(client) == {SECON, SECON_LP, SECON_PP2, OTHER, OTHER_PP2, SHARED}
    for url in (SECON, SECON_PP2, OTHER, OTHER_PP2, SHARED, "/el/secon/", "/es/other/partners/pp2/"):
        assert "Shared Foundation for Work" in html(client, url), url


def test_moving_an_organisation_to_a_new_address_keeps_no_stale_page(
    client, world, django_capture_on_commit_callbacks
):
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.update_organisation(actor=None, organisation=world["shared"], slug="shared-2")
    assert client.get(SHARED).status_code == 404
    assert "/organisations/shared-2/" in html(client, SECON_PP2)
    assert client.get("/en/organisations/shared-2/").status_code == 200
    assert client.get(NORTH)["X-Page-Cache"] == "hit"


def test_a_new_project_title_refreshes_home_and_its_partners_organisations(
    client, world, django_capture_on_commit_callbacks
):
    secon = world["north"].partnerships.get().project
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        project_services.update_project(
            actor=None,
            project=secon,
            title={"en": "Social economy in nine regions", "de": "Sozialwirtschaft"},
        )
    assert refreshed(client) == {HOME, SECON, SECON_LP, SECON_PP2, NORTH, SHARED}
    assert "Social economy in nine regions" in html(client, HOME)
    assert "Social economy in nine regions" in html(client, SECON)
    assert "Sozialwirtschaft" in html(client, "/de/")


def test_a_new_project_address_serves_no_stale_page(client, world, django_capture_on_commit_callbacks):
    secon = world["north"].partnerships.get().project
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        project_services.update_project(actor=None, project=secon, slug="secon-hub")
    assert client.get(SECON).status_code == 404
    assert client.get(SECON_LP).status_code == 404
    assert client.get("/en/secon-hub/").status_code == 200
    assert "/en/secon-hub/" in html(client, HOME)
    assert "/secon-hub/partners/" in html(client, NORTH)
    assert client.get(OTHER)["X-Page-Cache"] == "hit"


def test_unpublishing_a_project_removes_it_everywhere(client, world, django_capture_on_commit_callbacks):
    secon = world["north"].partnerships.get().project
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        project_services.update_project(actor=None, project=secon, is_public=False)
    assert client.get(SECON).status_code == 404
    assert client.get(SECON_PP2).status_code == 404
    assert "/en/secon/" not in html(client, HOME)
    assert "/secon/partners/" not in html(client, SHARED)
    assert "/other/partners/" in html(client, SHARED)
    assert client.get(OTHER)["X-Page-Cache"] == "hit"
    assert client.get(EAST)["X-Page-Cache"] == "hit"


def test_a_region_name_refreshes_the_pages_that_show_it(client, world, django_capture_on_commit_callbacks):
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.set_region_names(
            region=world["west"], names={"en": "Far West", "de": "Ferner Westen"}
        )
    # Partners of SECON represent the western region; "north" is located in it.
    assert refreshed(client) == {SECON, SECON_LP, SECON_PP2, NORTH}
    assert "Far West" in html(client, SECON)
    assert "Ferner Westen" in html(client, SECON_PP2)
    assert "Far West" in html(client, NORTH)


def test_a_new_partner_refreshes_the_project_home_and_its_organisation(
    client, world, django_capture_on_commit_callbacks
):
    secon = world["north"].partnerships.get().project
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.add_partner(
            actor=None, project=secon, organisation=world["east_org"], regions=[world["east"]], number=3
        )
    # The other partners' organisation pages do not show the new partner: they stay cached.
    assert refreshed(client) == {HOME, SECON, SECON_LP, SECON_PP2, EAST}
    assert "3 partners" in html(client, HOME)
    assert "/secon/partners/pp3/" in html(client, EAST)
    assert "East Agency" in html(client, SECON)


def test_a_partner_change_leaves_the_home_page_cached(client, world, django_capture_on_commit_callbacks):
    partner = world["shared"].partnerships.get(project__slug="secon")
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.update_partner(
            actor=None, partner=partner, summary={"de": "Leitet die Studienbesuche."}
        )
    assert refreshed(client) == {SECON, SECON_LP, SECON_PP2, SHARED}
    assert "Leitet die Studienbesuche." in html(client, SECON_PP2)


def test_removing_a_partner_refreshes_the_project_home_and_that_organisation(
    client, world, django_capture_on_commit_callbacks
):
    partner = world["shared"].partnerships.get(project__slug="other")
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.remove_partner(actor=None, partner=partner)
    assert refreshed(client) == {HOME, OTHER, OTHER_PP2, SHARED}
    assert client.get(OTHER_PP2).status_code == 404
    assert "Shared Foundation" not in html(client, OTHER)
    assert "/other/partners/" not in html(client, SHARED)
    assert "1 partner" in html(client, HOME)


def test_a_new_organisation_touches_no_published_page(client, world, django_capture_on_commit_callbacks):
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.create_organisation(actor=None, name="Newcomer", kind="cooperative")
    assert refreshed(client) == set()
    assert client.get("/en/organisations/newcomer/")["X-Page-Cache"] == "miss"


def test_a_failed_change_keeps_every_page(client, world, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    warm(client)
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        organisation_services.update_organisation(actor=None, organisation=world["shared"], name="")
    assert refreshed(client) == set()
