"""Read organisations and partners for the public pages, in a fixed number of queries."""

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from secon.accounts.enums import Role
from secon.accounts.predicates import roles_of
from secon.core.validators import is_whole_number
from secon.organisations.enums import ConsentKind, PartnerRole
from secon.organisations.models import Consent, Organisation, Partner, Person, Region
from secon.organisations.notices import PrivacyNotice, PrivacyNoticeVersion
from secon.organisations.people import project_people
from secon.projects import prepared
from secon.projects.selectors import shown_publicly
from secon.projects.tenancy import scopes_disabled


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
    elif code.startswith("pp") and is_whole_number(code[2:], max_digits=9):
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
    with scopes_disabled():  # its partnerships in every public project (the page has no project)
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
    for consent in person.consents.select_related("notice__project").order_by("kind", "-recorded_at", "-id"):
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


# --- privacy notices ---------------------------------------------------------------------------


def current_notice(*, project) -> PrivacyNoticeVersion | None:
    """Return the project's newest published privacy notice, or None before the first."""
    with scopes_disabled():  # the project is given: callers without a project in their URL use it too
        found = prepared.rows(  # compiled once (the registration form, its confirmation page …)
            ("organisations.current_notice",),
            lambda project_id: PrivacyNoticeVersion.objects.filter(project_id=project_id).order_by("-number")[
                :1
            ],
            values=(project.pk,),
        )
    return found[0] if found else None


def list_notice_versions(*, project) -> list[PrivacyNoticeVersion]:
    """Return every published version of the project's notice, newest first."""
    return list(PrivacyNoticeVersion.objects.filter(project=project).order_by("-number"))


def get_notice_version(*, project, number) -> PrivacyNoticeVersion:
    """Return one version of the project's notice, or raise Http404."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404("No such version") from None
    version = PrivacyNoticeVersion.objects.filter(project=project, number=number).first()
    if version is None:
        raise Http404("No such version")
    return version


def get_notice_draft(*, project) -> PrivacyNotice | None:
    return PrivacyNotice.objects.filter(project=project).first()


def agreed_notice(*, person: Person, project) -> PrivacyNoticeVersion | None:
    """Return the newest version of the project's notice the person agreed to (their latest answer)."""
    consent = (
        Consent.objects.filter(person=person, notice__project=project, granted=True)
        .select_related("notice")
        .order_by("-notice__number")
        .first()
    )
    return consent.notice if consent else None


def notice_to_agree_again(*, person: Person, project) -> PrivacyNoticeVersion | None:
    """Return the current notice when a material change came after the version the person agreed to
    (None when they have since withdrawn every consent: there is nothing left to agree to)."""
    agreed = agreed_notice(person=person, project=project)
    if agreed is None:
        return None
    with scopes_disabled():
        newer = PrivacyNoticeVersion.objects.filter(project=project, number__gt=agreed.number)
        if not newer.filter(material=True).exists():
            return None
        if not any(consent.granted for consent in current_consents(person=person).values()):
            return None
        return newer.order_by("-number").first()


def people_to_agree_again(*, version: PrivacyNoticeVersion) -> list[Person]:
    """Return the people whose agreement to an earlier version of the notice ``version`` now replaces,
    in the order they were recorded (not erased, agreed to none since, no later material version)."""
    candidates = (
        Person.objects.filter(
            erased_at=None,
            consents__granted=True,
            consents__notice__project=version.project,
            consents__notice__number__lt=version.number,
        )
        .distinct()
        .order_by("pk")
    )
    return [
        person
        for person in candidates
        if notice_to_agree_again(person=person, project=version.project) == version
    ]


def notices_to_agree_again(*, person: Person) -> list[tuple[PrivacyNoticeVersion, PrivacyNoticeVersion]]:
    """Return (agreed, current) for each project whose notice changed materially since the person
    agreed to it (their profile asks them), in the order of the projects' acronyms."""
    with scopes_disabled():  # the person's consents in every project
        projects = {
            consent.notice.project
            for consent in Consent.objects.filter(person=person, granted=True, notice__isnull=False)
            .select_related("notice__project")
            .order_by()
        }
    pending = []
    for project in sorted(projects, key=lambda project: (project.acronym, project.pk)):
        current = notice_to_agree_again(person=person, project=project)
        if current is not None:
            pending.append((agreed_notice(person=person, project=project), current))
    return pending


def list_people_handled_by(*, user, project_id: int | None = None) -> QuerySet[Person]:
    """The people whose personal data ``user`` handles (the rule of ``organisations.view_person``).

    A coordinator: the people of their projects (partners' staff, members, participants); a partner
    editor: the people of their organisation; a superuser: everyone. ``project_id`` narrows it to one
    project. Erased people are left out. Each carries ``shares_contact``: their latest answer to the
    consent to share their contact details with partners (False when never asked).
    """
    roles = roles_of(user)
    if project_id is not None:
        roles = {pid: role for pid, role in roles.items() if pid == project_id}
    if user.is_superuser:
        condition = project_people([project_id]) if project_id is not None else Q()
    else:
        coordinated = {pid for pid, (role, _org) in roles.items() if role == Role.COORDINATOR}
        edited = {org for role, org in roles.values() if role == Role.PARTNER_EDITOR and org is not None}
        condition = Q(pk__in=[])
        if coordinated:
            condition |= project_people(coordinated)
        if edited:
            condition |= Q(organisation_id__in=edited)
    latest = (
        Consent.objects.filter(person=OuterRef("pk"), kind=ConsentKind.SHARE_CONTACT)
        .order_by("-recorded_at", "-id")
        .values("granted")[:1]
    )
    return (
        Person.objects.filter(condition, erased_at__isnull=True)
        .select_related("organisation")
        .annotate(shares_contact=Coalesce(Subquery(latest), Value(False)))
    )
