"""Organisations as open data: JSON-LD (schema.org with ESSGlobal's organisational structure) and a
CSV in the SSE-Standard's columns (the flat format the Solidarity Economy Association's open-data
tools turn into ESSGlobal linked data).

Only what an organisation publishes anyway: names, type, address, website, description — no
internal notes, no people.
"""

from django.utils.translation import get_language

from secon.core.links import absolute_url
from secon.core.spreadsheets import csv_text
from secon.organisations.enums import OrganisationType
from secon.organisations.models import Organisation

ESSGLOBAL = "https://w3id.solidarityeconomy.coop/essglobal/V2a/vocab/"

#: Our types → ESSGlobal V2a organisational-structure terms (their English definitions, as the
#: SSE-Standard asks), where one fits; a type without an equivalent has no term.
ESSGLOBAL_STRUCTURE = {
    OrganisationType.WORK_INTEGRATION: "Social enterprise",
    OrganisationType.OTHER_SOCIAL_ENTERPRISE: "Social enterprise",
    OrganisationType.SPECIAL_EMPLOYMENT_CENTRE: "Social enterprise",
    OrganisationType.ASSOCIATION: "Not-for-profit organisation",
    OrganisationType.NGO: "Not-for-profit organisation",
    OrganisationType.FOUNDATION: "Charity",
    OrganisationType.COMPANY: "Company (Other)",
}

#: The SSE-Standard's columns (those an organisation record of ours can fill).
SSE_COLUMNS = (
    "Identifier",
    "Name",
    "Description",
    "Organisational Structure",
    "Primary Activity",
    "Activities",
    "Street Address",
    "Locality",
    "Region",
    "Postcode",
    "Country Name",
    "Website",
    "Phone",
    "Email",
    "Twitter",
    "Facebook",
    "Companies House Number",
)

CONTEXT = {"@vocab": "https://schema.org/", "essglobal": ESSGLOBAL}


def organisation_jsonld(organisation: Organisation) -> dict:
    """Return one organisation as a JSON-LD node (without ``@context``)."""
    node = {
        "@type": "Organization",
        "@id": absolute_url(organisation.get_absolute_url()),
        "identifier": organisation.slug,
        "name": organisation.name,
        "additionalType": organisation.kind,
    }
    if organisation.legal_name:
        node["legalName"] = organisation.legal_name
    if organisation.website:
        node["url"] = organisation.website
    structure = ESSGLOBAL_STRUCTURE.get(organisation.kind)
    if structure:
        node["essglobal:organisationalStructure"] = structure
    description = organisation.description.render(get_language(), ()).text if organisation.description else ""
    if description:
        node["description"] = description
    address = {"@type": "PostalAddress"}
    if organisation.address:
        address["streetAddress"] = organisation.address
    if organisation.city:
        address["addressLocality"] = organisation.city
    if organisation.region_id:
        address["addressRegion"] = organisation.region.code
        address["addressCountry"] = organisation.region.iso_country
    if len(address) > 1:
        node["address"] = address
    if organisation.has_location:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(organisation.latitude),
            "longitude": float(organisation.longitude),
        }
    return node


def organisations_jsonld(organisations) -> dict:
    return {"@context": CONTEXT, "@graph": [organisation_jsonld(item) for item in organisations]}


def organisations_sse_csv(organisations) -> str:
    """Return the organisations as a CSV in the SSE-Standard's columns (cells safe for spreadsheets)."""
    rows = []
    for organisation in organisations:
        description = (
            organisation.description.render(get_language(), ()).text if organisation.description else ""
        )
        rows.append(
            [
                str(organisation.pk),
                organisation.name,
                description,
                ESSGLOBAL_STRUCTURE.get(organisation.kind, ""),
                "",
                "",
                organisation.address,
                organisation.city,
                organisation.region.display_name if organisation.region_id else "",
                "",
                organisation.region.country_name if organisation.region_id else "",
                organisation.website,
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return csv_text(SSE_COLUMNS, rows)
