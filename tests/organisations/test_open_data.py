"""A project's partner organisations as JSON-LD (schema.org + ESSGlobal) and SSE-Standard CSV."""

import csv
import io

import pytest

from django.urls import reverse

from secon.organisations.open_data import SSE_COLUMNS
from tests.factories import OrganisationFactory, PartnerFactory, ProjectFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory()
    region = RegionFactory(code="ES43", name="Extremadura")
    PartnerFactory(
        project=project,
        organisation=OrganisationFactory(
            name="REMUDARTE",
            kind="work_integration",
            city="Mérida",
            website="https://remudarte.example",
            region=region,
        ),
    )
    PartnerFactory(
        project=project,
        number=2,
        organisation=OrganisationFactory(name="=cmd|' /C calc'!A0", kind="cooperative"),
    )
    return project


def test_partner_organisations_as_json_ld(client, project):
    response = client.get(reverse("public:organisations", kwargs={"project": project.slug, "fmt": "jsonld"}))

    assert response["Content-Type"] == "application/ld+json"
    data = response.json()
    assert data["@context"]["essglobal"] == "https://w3id.solidarityeconomy.coop/essglobal/V2a/vocab/"
    remudarte = next(node for node in data["@graph"] if node["name"] == "REMUDARTE")
    assert remudarte["@type"] == "Organization"
    assert remudarte["essglobal:organisationalStructure"] == "Social enterprise"
    assert remudarte["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Mérida",
        "addressRegion": "ES43",
        "addressCountry": "ES",
    }


def test_partner_organisations_as_sse_standard_csv(client, project):
    response = client.get(reverse("public:organisations", kwargs={"project": project.slug, "fmt": "csv"}))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == SSE_COLUMNS
    by_name = {row[1]: dict(zip(SSE_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_name["REMUDARTE"]["Organisational Structure"] == "Social enterprise"
    assert by_name["REMUDARTE"]["Locality"] == "Mérida"
    assert by_name["REMUDARTE"]["Website"] == "https://remudarte.example"
    assert "'=cmd|' /C calc'!A0" in by_name  # a formula stays text


def test_an_unknown_format_is_not_found(client, project):
    assert (
        client.get(
            reverse("public:organisations", kwargs={"project": project.slug, "fmt": "xml"})
        ).status_code
        == 404
    )
