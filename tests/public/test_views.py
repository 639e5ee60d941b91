import contextlib
import datetime
import re
from unittest import mock

import pytest

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from secon.public import views
from tests.factories import OrganisationFactory, PartnerFactory, ProjectFactory, RegionFactory

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def time_machine_day(day: datetime.date):
    """Make ``timezone.localdate()`` return ``day`` (the page marks the period that contains today)."""
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        yield


@pytest.fixture
def project_with_partners():
    project = ProjectFactory(
        slug="secon", acronym="SECON", title={"en": "Social economy", "de": "Sozialwirtschaft"}
    )
    region = RegionFactory(code="EL65", name="Πελοπόννησος", names={"en": "Peloponnese", "de": "Peloponnes"})
    for number in range(1, 4):
        partner = PartnerFactory(project=project, number=number, role="lead" if number == 1 else "partner")
        partner.regions.add(region)
    return project


@pytest.mark.parametrize("language", ["en", "de", "es", "el"])
def test_project_page_lists_partners_in_each_language(client, project_with_partners, language):
    response = client.get(f"/{language}/secon/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("/partners/") >= 3
    assert 'hreflang="el"' in html


def test_project_page_falls_back_and_says_so(client, project_with_partners):
    html = client.get("/es/secon/").content.decode()
    assert "Social economy" in html
    assert 'lang="en"' in html


def test_root_redirects_by_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="el-GR,el;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/el/"
    assert b"SECON Hub" in response.content


def test_unknown_pages_are_404_in_the_site_frame_and_language(client):
    response = client.get("/de/no-such-project/nor-this/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="de">' in html
    with translation.override("de"):
        assert escape(gettext("Page not found")) in html
    # The language switcher stays, pointing at the same address in the other languages.
    assert 'href="http://testserver/el/no-such-project/nor-this/"' in html
    assert 'class="skip-link"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


def test_server_error_page_renders_without_request_context_or_database(django_assert_num_queries):
    with translation.override("el"), django_assert_num_queries(0):
        response = views.server_error(RequestFactory().get("/el/secon/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="el">' in html
    assert 'href="/el/"' in html
    with translation.override("el"):
        assert escape(gettext("Something went wrong on our side")) in html


def test_partner_summary_in_english_only_says_so_in_greek(client, project_with_partners):
    partner = project_with_partners.partners.get(number=2)
    partner.summary = {"en": "Leads the study visits."}
    partner.save()
    html = client.get("/el/secon/partners/pp2/").content.decode()
    assert 'class="fallback-note"' in html
    assert '<p lang="en">Leads the study visits.</p>' in html
    english = client.get("/en/secon/partners/pp2/").content.decode()
    assert 'class="fallback-note"' not in english


def test_empty_translated_fields_leave_no_empty_sections(client, project_with_partners):
    html = client.get("/en/secon/partners/pp2/").content.decode()
    assert 'id="role-heading"' not in html
    project_with_partners.objectives = {}
    project_with_partners.save()
    assert 'id="objectives-heading"' not in client.get("/en/secon/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["/el/", "/el/secon/", "/el/secon/partners/lp/"],
)
def test_pages_link_their_alternates_canonical_and_describe_themselves(client, project_with_partners, path):
    html = client.get(path).content.decode()
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    for code in ["en", "de", "es", "el"]:
        assert f'hreflang="{code}" href="http://testserver/{code}/{path[4:]}"' in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver/en/{path[4:]}">' in html
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert description.strip()
    title = re.search(r"<title>([^<]*)</title>", html).group(1)
    assert "SECON Hub" in title and len(title) > len("SECON Hub")


def test_current_period_is_marked_on_the_timeline(client, project_with_partners):
    with time_machine_day(datetime.date(2026, 11, 26)):
        html = client.get("/en/secon/").content.decode()
    current = re.findall(r'<li class="timeline__period timeline__period--current" aria-current="date">', html)
    assert len(current) == 1
    assert "timeline__phase--follow_up timeline__phase--current" in html


def test_partner_and_organisation_pages(client, project_with_partners):
    partner = project_with_partners.partners.get(number=2)
    response = client.get(reverse("public:partner", kwargs={"project": "secon", "code": "pp2"}))
    assert response.status_code == 200
    assert partner.organisation.name in response.content.decode()
    assert client.get("/en/secon/partners/pp99/").status_code == 404
    assert client.get("/en/secon/partners/xx/").status_code == 404
    organisation = OrganisationFactory()
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_404_without_language_prefix_offers_the_page_in_each_language(client):
    response = client.get("/no-such-page/at-all/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    for code in ["en", "de", "es", "el"]:
        assert f'href="http://testserver/{code}/no-such-page/at-all/"' in html


def test_canonical_and_alternates_keep_the_page_number_and_drop_other_parameters(client):
    for _number in range(3):
        ProjectFactory()
    with mock.patch.object(views, "HOME_PAGE_SIZE", 2):
        html = client.get("/de/?page=2&utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/de/?page=2">' in html
    assert 'hreflang="el" href="http://testserver/el/?page=2"' in html
    assert "utm_source" not in html.split("</head>")[0]
