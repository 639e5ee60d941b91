"""Each public page runs a fixed number of SQL queries, however many projects, partners and regions.

The page cache is emptied before each measured request, so the real rendering is counted; a
cached page then runs no query at all.
"""

from decimal import Decimal

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, PartnerFactory, ProjectFactory, RegionFactory

pytestmark = pytest.mark.django_db

#: A generous ceiling: the pages run about half as many; what matters is that it does not grow.
MAX_QUERIES = 12


@pytest.fixture
def regions():
    country = RegionFactory(code="ZZ", level=0, name="Zedland")
    return [
        RegionFactory(code=f"ZZ{n}", level=1, parent=country, name=f"Region {n}", names={"de": f"Gebiet {n}"})
        for n in range(1, 7)
    ]


def build_project(slug: str, partner_count: int, regions, organisations=None):
    """Create a public project with numbered partners, each representing two regions."""
    project = ProjectFactory(
        slug=slug,
        acronym=slug.upper(),
        title={"en": f"{slug} project", "de": f"Projekt {slug}"},
        summary={"en": "Summary.", "el": "Περίληψη."},
        objectives={"en": "One\nTwo"},
        content_languages=["en", "de"],
    )
    for number in range(1, partner_count + 1):
        organisation = (
            organisations[number - 1]
            if organisations
            else OrganisationFactory(
                region=regions[number % len(regions)],
                latitude=Decimal("39.47"),
                longitude=Decimal("-6.37"),
                description={"en": "About us."},
            )
        )
        partner = PartnerFactory(
            project=project,
            organisation=organisation,
            number=number,
            role="lead" if number == 1 else "partner",
            summary={"en": "Hosts a meeting."},
        )
        partner.regions.set([regions[number % len(regions)], regions[(number + 1) % len(regions)]])
    return project


def queries_of(client, url: str) -> int:
    """Return how many queries rendering ``url`` runs with an empty page cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss"
    return len(context.captured_queries)


def assert_same_count(client, small_url, large_url, django_assert_num_queries, django_assert_max_num_queries):
    expected = queries_of(client, small_url)
    cache.clear()
    with django_assert_num_queries(expected):
        assert client.get(large_url).status_code == 200
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(large_url)


@pytest.mark.parametrize("language", ["en", "de"])
def test_project_page_runs_the_same_queries_for_3_or_30_partners(
    client, regions, language, django_assert_num_queries, django_assert_max_num_queries
):
    build_project("small", 3, regions)
    build_project("large", 30, regions)
    assert_same_count(
        client,
        f"/{language}/small/",
        f"/{language}/large/",
        django_assert_num_queries,
        django_assert_max_num_queries,
    )


def test_partner_page_runs_the_same_queries_whatever_the_partnership(
    client, regions, django_assert_num_queries, django_assert_max_num_queries
):
    build_project("small", 3, regions)
    build_project("large", 30, regions)
    assert_same_count(
        client,
        "/de/small/partners/pp3/",
        "/de/large/partners/pp30/",
        django_assert_num_queries,
        django_assert_max_num_queries,
    )
    assert queries_of(client, "/en/large/partners/lp/") == queries_of(client, "/en/small/partners/pp2/")


def test_organisation_page_runs_the_same_queries_for_3_or_30_projects(
    client, regions, django_assert_num_queries, django_assert_max_num_queries
):
    busy = OrganisationFactory(slug="busy", region=regions[0], description={"en": "Everywhere."})
    quiet = OrganisationFactory(slug="quiet", region=regions[1])
    for n in range(30):
        build_project(f"busy-{n}", 1, regions, organisations=[busy])
    for n in range(3):
        build_project(f"quiet-{n}", 1, regions, organisations=[quiet])
    assert_same_count(
        client,
        "/en/organisations/quiet/",
        "/en/organisations/busy/",
        django_assert_num_queries,
        django_assert_max_num_queries,
    )
    html = client.get("/en/organisations/busy/").content.decode()
    assert html.count("/partners/lp/") == 30


def test_home_page_runs_the_same_queries_for_3_or_30_projects(
    client, regions, django_assert_num_queries, django_assert_max_num_queries
):
    for n in range(3):
        build_project(f"p{n:03}", 2, regions)
    expected = queries_of(client, "/en/")
    for n in range(3, 30):
        build_project(f"p{n:03}", 2, regions)
    cache.clear()
    with django_assert_num_queries(expected):
        html = client.get("/en/").content.decode()
    assert "P029" in html
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get("/en/")


def test_home_page_is_paginated_in_a_fixed_number_of_queries(client, regions, django_assert_num_queries):
    for n in range(120):
        build_project(f"p{n:03}", 1, regions)
    first = queries_of(client, "/en/")
    cache.clear()
    with django_assert_num_queries(first):
        page_three = client.get("/en/?page=3").content.decode()
    assert "P100" in page_three and "P049" not in page_three
    first_page = client.get("/en/").content.decode()
    assert "P049" in first_page and "P050" not in first_page
    assert 'href="?page=2"' in first_page
    assert client.get("/en/?page=4").status_code == 404
    assert client.get("/en/?page=two").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/en/", "/de/large/", "/el/large/partners/pp3/", "/es/organisations/shared/"],
)
def test_a_cached_page_runs_no_query(client, regions, url, django_assert_num_queries):
    shared = OrganisationFactory(slug="shared", region=regions[0])
    build_project("large", 30, regions, organisations=[shared, *OrganisationFactory.create_batch(29)])
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_home_page_without_projects(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/en/")
    assert response.status_code == 200
    assert 'href="?page=' not in response.content.decode()
