"""Read organisations and partners for the public pages, in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from secon.organisations.enums import ConsentKind, PartnerRole
from secon.organisations.models import Consent, Organisation, Partner, Person, Region
from secon.projects.selectors import shown_publicly


def list_partners(*, project) -> QuerySet[Partner]:
    """Return a project's partners in order, with organisation and regions loaded."""
    return (
        Partner.objects.filter(project=project)
        .select_related("organisation", "organisation__region", "project")
        .prefetch_related(Prefetch("regions", queryset=Region.objects.order_by("code")))
        .order_by("number")
    )


def list_partner_organisations(*, project) -> QuerySet[Organisation]:
    """Return the organisations that are partners of a project, by name."""
    return Organisation.objects.filter(partnerships__project=project).order_by("sort_key", "pk")


def get_partner(*, project, code: str) -> Partner:
    """Return the partner whose code (``lp``, ``pp2`` …) is given, or raise Http404."""
    code = code.lower()
    partners = list_partners(project=project)
    if code == "lp":
        partner = partners.filter(role=PartnerRole.LEAD).first()
    elif code.startswith("pp") and code[2:].isdigit():
        partner = partners.filter(number=int(code[2:])).exclude(role=PartnerRole.LEAD).first()
    else:
        partner = None
    if partner is None:
        raise Http404("No such partner")
    return partner


def get_organisation(*, slug: str) -> Organisation:
    """Return an organisation with its partnerships in public projects (``public_partnerships``).

    Raise Http404 when there is no such organisation.
    """
    organisation = (
        Organisation.objects.filter(slug=slug)
        .select_related("region")
        .prefetch_related(
            Prefetch(
                "partnerships",
                queryset=Partner.objects.filter(shown_publicly("project"))
                .select_related("project")
                .order_by("project__acronym", "project_id"),
                to_attr="public_partnerships",
            )
        )
        .first()
    )
    if organisation is None:
        raise Http404("No such organisation")
    return organisation


def current_consents(*, person: Person) -> dict[str, Consent]:
    """Return the latest consent entry of each kind the person has answered."""
    latest: dict[str, Consent] = {}
    for consent in person.consents.order_by("kind", "-recorded_at", "-id"):
        latest.setdefault(consent.kind, consent)
    return {kind: latest[kind] for kind in ConsentKind.values if kind in latest}


def has_consent(*, person: Person, kind: str) -> bool:
    consent = current_consents(person=person).get(kind)
    return bool(consent and consent.granted)


def list_people_by_emails(*, emails: set[str]) -> list[Person]:
    """Return the people records of these (confirmed) e-mail addresses: a signed-in person's own."""
    if not emails:
        return []
    return list(Person.objects.filter(email__in=sorted(emails)).order_by("pk"))
