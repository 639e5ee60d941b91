"""This installation's approved good practices as a JSON-LD feed (schema.org ``DataFeed`` of
``CreativeWork`` items, the documenting organisation with ESSGlobal's organisational structure),
paginated with a ``next`` link (Hydra), filtered with ``updated_since``.

Copies of other installations' practices are not in it: each practice is published by its origin
only, so that two installations subscribed to each other never echo.
"""

import datetime

from django.db.models import QuerySet
from django.utils.http import urlencode

from secon.organisations.open_data import ESSGLOBAL, organisation_jsonld
from secon.practices.enums import PUBLIC_STATUSES
from secon.practices.models import TEXT_SECTIONS, GoodPractice

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
#: Identifies a SECON Hub feed and the installation serving it (a feed that is our own is refused).
GENERATOR = "SECON Hub"

CONTEXT = {
    "@vocab": "https://schema.org/",
    "essglobal": ESSGLOBAL,
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "next": {"@id": "hydra:next", "@type": "@id"},
    "totalItems": "hydra:totalItems",
}

#: Our sections → schema.org properties of a CreativeWork (the rest as our own terms).
SECTION_TERMS = {"title": "name", "summary": "abstract", "description": "text"}


def feed_practices(*, updated_since: datetime.datetime | None = None) -> QuerySet[GoodPractice]:
    practices = GoodPractice.objects.filter(status__in=PUBLIC_STATUSES, origin__isnull=True)
    if updated_since is not None:
        practices = practices.filter(updated_at__gte=updated_since)
    return practices.select_related(
        "project", "region", "organisation__region", "main_institution__region"
    ).order_by("updated_at", "pk")


def _texts(practice: GoodPractice, name: str) -> list[dict]:
    return [
        {"@language": code, "@value": text} for code, text in sorted(practice.texts(name).items()) if text
    ]


def practice_item(practice: GoodPractice, *, base: str) -> dict:
    item = {
        "@type": "CreativeWork",
        "@id": base + practice.get_absolute_url(),
        "url": base + practice.get_absolute_url(),
        "identifier": str(practice.pk),
        "genre": "good practice",
        "dateModified": practice.updated_at.isoformat(),
        "inLanguage": practice.text_languages(),
        "keywords": list(practice.keywords or []),
        "isPartOf": {"@type": "Project", "name": practice.project.acronym},
    }
    for name in TEXT_SECTIONS:
        texts = _texts(practice, name)
        if texts:
            item[SECTION_TERMS.get(name, f"secon:{name}")] = texts
    if practice.published_at:
        item["datePublished"] = practice.published_at.isoformat()
    if practice.theme:
        item["about"] = practice.theme
    if practice.start_date:
        end = practice.end_date.isoformat() if practice.end_date else ".."
        item["temporalCoverage"] = f"{practice.start_date.isoformat()}/{end}"
    place = {"@type": "Place"}
    address = {"@type": "PostalAddress"}
    if practice.country:
        address["addressCountry"] = practice.country.code
    if practice.region_id:
        address["addressRegion"] = practice.region.code
    if practice.city:
        address["addressLocality"] = practice.city
    if len(address) > 1:
        place["address"] = address
    if practice.has_location:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(practice.latitude),
            "longitude": float(practice.longitude),
        }
    if len(place) > 1:
        item["spatialCoverage"] = place
    if practice.main_institution_id:
        item["creator"] = organisation_jsonld(practice.main_institution)
    if practice.organisation_id:
        item["publisher"] = organisation_jsonld(practice.organisation)
    if practice.website:
        item["sameAs"] = practice.website
    return item


def feed_page(*, base: str, path: str, page: int, size: int, updated_since: datetime.datetime | None) -> dict:
    """Return one page of the feed: ``base`` is the address the feed was asked at (scheme and host,
    so that a copy links back to where it was read), ``path`` the feed's own path."""
    practices = feed_practices(updated_since=updated_since)
    total = practices.count()
    items = list(practices[(page - 1) * size : page * size])
    query = {"page": page, "size": size}
    if updated_since:
        query["updated_since"] = updated_since.isoformat()
    feed = {
        "@context": {**CONTEXT, "secon": base + path + "#"},
        "@id": f"{base}{path}?{urlencode(query)}",
        "@type": "DataFeed",
        "name": GENERATOR,
        "url": base + "/",
        "provider": {"@type": "Organization", "name": GENERATOR, "url": base + "/"},
        "totalItems": total,
        "dataFeedElement": [practice_item(practice, base=base) for practice in items],
    }
    if page * size < total:
        feed["next"] = f"{base}{path}?{urlencode({**query, 'page': page + 1})}"
    return feed
