"""Demo events of SECON: the Cáceres meeting (22–25 Oct 2024), the Kalamata kick-off, a coming seminar.

Facts from ../shared/reference/secon-facts.md and the seed press release. The day-by-day timetables
are not public: the times below are illustrative, and each event's description says so. The
participants are fictitious people with example.org addresses. Loading twice changes nothing.
"""

import datetime
import unicodedata

from secon.core.permissions import SYSTEM
from secon.demo.data.events import (
    ABSENT,
    CACERES,
    CACERES_PEOPLE,
    CACERES_PRACTICES,
    CACERES_SESSIONS,
    CACERES_VENUES,
    KALAMATA,
    KALAMATA_SESSIONS,
    SEMINAR,
    SEMINAR_SESSIONS,
)
from secon.events.models import Event, Registration, Session, Venue
from secon.events.services import agenda, attendance, registrations
from secon.organisations.models import Organisation, Partner
from secon.practices.selectors.practices import project_practices
from secon.projects.models import Project


def _ascii(text: str) -> str:
    """Return the text without accents (Greek and Latvian names keep their Latin base letters)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _moment(event: Event, day: int, hhmm: str) -> datetime.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return agenda.local_datetime(
        event=event, day=event.start_date + datetime.timedelta(days=day), time=datetime.time(hour, minute)
    )


def _ensure_event(project: Project, values: dict) -> Event:
    existing = Event.objects.filter(project=project, slug=values["slug"]).first()
    if existing is None:
        return agenda.create_event(actor=None, project=project, **values)
    changed = {name: value for name, value in values.items() if getattr(existing, name) != value}
    return agenda.update_event(actor=None, event=existing, **changed) if changed else existing


def _ensure_venue(project: Project, name: str, city: str, organisation_slug: str | None) -> Venue:
    existing = Venue.objects.filter(project=project, name=name).first()
    if existing:
        return existing
    organisation = Organisation.objects.filter(slug=organisation_slug).first() if organisation_slug else None
    values = {"name": name, "city": city, "organisation": organisation}
    if organisation and organisation.has_location:
        values.update(latitude=organisation.latitude, longitude=organisation.longitude)
    return agenda.create_venue(actor=None, project=project, **values)


def _ensure_sessions(event: Event, rows: list, venues: dict[str, Venue]) -> list[Session]:
    sessions = []
    existing = {session.title.get("en"): session for session in event.sessions.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    for (
        day,
        start,
        end,
        kind,
        title,
        venue,
        room,
        capacity,
        presenters,
        visited,
        visibility,
        language,
    ) in rows:
        session = existing.get(title["en"])
        if session is None:
            session = agenda.add_session(
                actor=None,
                event=event,
                kind=kind,
                title=title,
                starts_at=_moment(event, day, start),
                ends_at=_moment(event, day, end),
                venue=venues.get(venue),
                room=room,
                capacity=capacity,
                visibility=visibility,
                language=language,
                presenting_organisations=[
                    organisations[slug] for slug in presenters if slug in organisations
                ],
                visited_organisations=[organisations[slug] for slug in visited if slug in organisations],
            )
        sessions.append(session)
    return sessions


def _link_practices(project: Project, sessions: list[Session], links: dict[str, str]) -> None:
    """Link sessions to the good practices they presented or visited (only links still missing)."""
    practices = {
        practice.main_institution.slug: practice
        for practice in project_practices(project=project)
        .filter(main_institution__slug__in=links.values())
        .select_related("main_institution")
    }
    for session in sessions:
        slug = links.get(session.title.get("en"))
        if slug is None or slug not in practices:
            continue
        linked = list(session.practices.all())
        if practices[slug] not in linked:
            agenda.update_session(actor=None, session=session, practices=[*linked, practices[slug]])


def _load_caceres(project: Project) -> Event:
    host = Partner.objects.filter(project=project, organisation__slug="junta-de-extremadura").first()
    values = dict(CACERES, host_partner=host, host_organisation=host.organisation if host else None)
    event = _ensure_event(project, values)
    venues = {name: _ensure_venue(project, name, city, slug) for name, city, slug in CACERES_VENUES}
    if set(event.venues.all()) != set(venues.values()):
        event = agenda.update_event(actor=None, event=event, venues=list(venues.values()))
    sessions = _ensure_sessions(event, CACERES_SESSIONS, venues)
    _link_practices(project, sessions, CACERES_PRACTICES)
    visits = [session for session in sessions if session.kind == "study_visit"]
    partners = {partner.number: partner for partner in Partner.objects.filter(project=project)}
    registered_at = datetime.datetime(2024, 9, 20, 10, 0, tzinfo=event.zone)
    registered = []
    for index, (first, last, language, partner_number, organisation, visit) in enumerate(CACERES_PEOPLE):
        email = _ascii(f"{first}.{last}").lower().replace(" ", "") + "@example.org"
        registration = Registration.objects.filter(event=event, person__email=email).first()
        if registration is None:
            partner = partners.get(partner_number)
            registration = registrations.register_participant(
                event=event,
                first_name=first,
                last_name=last,
                email=email,
                language=language,
                organisation_name=organisation or (partner.organisation.name if partner else ""),
                partner=partner,
                consents={
                    "terms": True,
                    "photos": index % 4 != 0,
                    "share_contact": True,
                    "public_list": index % 3 == 0,
                },
                # The surgery centre visit fills up: the last ones asking for it wait.
                sessions=[visits[visit]] if index < len(CACERES_PEOPLE) - 3 else [visits[0]],
                dietary_needs="vegetarian" if index % 7 == 0 else "",
                notify=False,
                address_proven=True,  # the demo's own people
                now=registered_at + datetime.timedelta(hours=index),
            )
        registered.append(registration)
    for index, registration in enumerate(registered):
        if registration.status != "confirmed":
            continue
        for day_index, day in enumerate(event.days):
            if day_index in ABSENT.get(index, []):
                continue
            attendance.check_in(
                actor=SYSTEM,
                registration=registration,
                day=day,
                now=_moment(event, day_index, "09:10") + datetime.timedelta(minutes=index % 15),
            )
    return event


def load(*, project: Project) -> None:
    """Load the demo events of the project (idempotent)."""
    _load_caceres(project)
    lead = Partner.objects.filter(project=project, role="lead").select_related("organisation").first()
    kalamata = _ensure_event(
        project, dict(KALAMATA, host_partner=lead, host_organisation=lead.organisation if lead else None)
    )
    _ensure_sessions(kalamata, KALAMATA_SESSIONS, {})
    harghita = Partner.objects.filter(project=project, organisation__slug="harghita-county-council").first()
    seminar = _ensure_event(
        project,
        dict(SEMINAR, host_partner=harghita, host_organisation=harghita.organisation if harghita else None),
    )
    _ensure_sessions(seminar, SEMINAR_SESSIONS, {})
