import pytest

from django.urls import reverse

from tests.factories import OrganisationFactory, PartnerFactory, ProjectFactory, RegionFactory

pytestmark = pytest.mark.django_db


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


def test_unknown_pages_are_translated_404(client):
    response = client.get("/de/no-such-project/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode() or response.status_code == 404


def test_partner_and_organisation_pages(client, project_with_partners):
    partner = project_with_partners.partners.get(number=2)
    response = client.get(reverse("public:partner", kwargs={"project": "secon", "code": "pp2"}))
    assert response.status_code == 200
    assert partner.organisation.name in response.content.decode()
    assert client.get("/en/secon/partners/pp99/").status_code == 404
    assert client.get("/en/secon/partners/xx/").status_code == 404
    organisation = OrganisationFactory()
    assert client.get(organisation.get_absolute_url()).status_code == 200
