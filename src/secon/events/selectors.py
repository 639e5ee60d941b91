"""Read events, agendas, registrations and attendance."""

import datetime
import itertools
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.text import fold
from secon.core.validators import FIRST_YEAR, LAST_YEAR
from secon.events.enums import HOLDS_PLACE, EventStatus, RegistrationStatus, SignupStatus, Visibility
from secon.events.links import LinkExpired, LinkInvalid, read_token
from secon.events.models import Attendance, Event, Registration, Session, Signup
from secon.events.schedule import AUDIENCES, read_people
from secon.events.validators import event_dates_supported
from secon.organisations.models import Organisation, Person
from secon.practices.enums import PUBLIC_STATUSES
from secon.practices.models import GoodPractice
from secon.projects import prepared
from secon.projects.models import Project
from secon.projects.selectors import shown_publicly
from secon.projects.tenancy import scopes_disabled

SHOWN_STATUSES = (EventStatus.PUBLISHED, EventStatus.POSTPONED, EventStatus.CANCELLED)


#: Events in the supported years (rows stored before the bounds may lie outside them).
IN_SUPPORTED_YEARS = Q(start_date__year__gte=FIRST_YEAR, end_date__year__lte=LAST_YEAR)


def list_public_events(
    *,
    project: Project | None = None,
    past: bool = False,
    today: datetime.date | None = None,
    limit: int | None = None,
) -> list[Event]:
    """Return the events shown on the public site, upcoming (soonest first) or past (latest first);
    not those whose stored dates the site cannot show (see ``event_dates_supported``)."""
    today = today or timezone.localdate()
    with scopes_disabled():  # without a project: every public project's events (the installation's list)
        events = Event.objects.filter(**({"project": project} if project else {}))
    events = events.filter(IN_SUPPORTED_YEARS, shown_publicly("project"), status__in=SHOWN_STATUSES)
    events = events.select_related("project", "host_partner__organisation", "host_organisation")
    if past:
        events = events.filter(end_date__lt=today).order_by("-start_date", "pk")
    else:
        events = events.filter(end_date__gte=today).order_by("start_date", "pk")
    shown = (event for event in events if event_dates_supported(event.start_date, event.end_date))
    return list(itertools.islice(shown, limit))


def get_event(*, project: Project, slug: str, drafts: bool = False, hosts: bool = True) -> Event:
    """Return a shown (published, postponed or cancelled) event of the project, or raise Http404.

    ``drafts``: any event, drafts too (the organisers' side). ``hosts=False``: without its host
    partner and organisation (for pages that do not show them).
    """

    def build():  # compiled once per key (secon.projects.prepared)
        events = Event.objects.filter(project=project, slug=slug)
        if not drafts:  # the supported years: checked on the row below (event_dates_supported)
            events = events.filter(status__in=SHOWN_STATUSES)
        if hosts:
            events = events.select_related("host_partner__organisation", "host_organisation")
        return events.order_by("pk")[:1]  # one row: by its key, not the model's ordering (a join)

    event = next(iter(prepared.rows(("events.event", project.pk, slug, drafts, hosts), build)), None)
    if event is None or not (drafts or event_dates_supported(event.start_date, event.end_date)):
        raise Http404("No such event")
    event.project = project  # the same row: not read again
    return event


def places_left(*, event: Event) -> int | None:
    """Return how many places the event has left (None: no limit)."""
    if event.capacity is None:
        return None
    taken = getattr(event, "places_taken", None)
    if taken is None:  # counted once per event object (only events with a limit need it)
        taken = event.places_taken = Registration.objects.filter(event=event, status__in=HOLDS_PLACE).count()
    return max(event.capacity - taken, 0)


def _sessions(event: Event, audience: str, *, counted: bool = True) -> QuerySet[Session]:
    """The sessions with their people; ``counted``: with their sign-ups counted (a join per session)."""
    sessions = (
        Session.objects.filter(event=event, visibility__in=AUDIENCES[audience])
        .select_related("venue")
        .prefetch_related(
            Prefetch("presenters", queryset=Person.objects.select_related("organisation")),
            Prefetch("presenting_organisations", queryset=Organisation.objects.order_by("sort_key", "pk")),
            Prefetch("visited_organisations", queryset=Organisation.objects.order_by("sort_key", "pk")),
        )
        .order_by("starts_at", "ends_at", "pk")
    )
    if not counted:
        return sessions
    return sessions.annotate(
        places_taken=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED), distinct=True),
        waiting_count=Count("signups", filter=Q(signups__status=SignupStatus.WAITING), distinct=True),
    )


def list_sessions(*, event: Event, audience: str = "public") -> list[Session]:
    """Return the event's sessions an audience may see, with everything the agenda shows (4 queries).

    Each session shares the ``event`` object given (no project data is read again per session).
    """
    sessions = list(_sessions(event, audience))
    for session in sessions:
        session.event = event
    return sessions


def session_places_left(session: Session) -> int | None:
    """Return how many places a sign-up session has left (None: no sign-up)."""
    if session.capacity is None:
        return None
    taken = getattr(session, "places_taken", None)
    if taken is None:  # counted once per session object (the page and its structured data ask)
        taken = session.places_taken = Signup.objects.filter(
            session=session, status=SignupStatus.CONFIRMED
        ).count()
    return max(session.capacity - taken, 0)


@dataclass
class AgendaDay:
    day: datetime.date
    sessions: list[Session] = field(default_factory=list)


def agenda_by_day(*, event: Event, sessions: list[Session]) -> list[AgendaDay]:
    """Group sessions by their day in the event's time zone (every day of the event appears)."""
    zone = event.zone
    days = {day: AgendaDay(day=day) for day in event.days}
    for day, group in groupby(sessions, key=lambda s: s.starts_at.astimezone(zone).date()):
        days.setdefault(day, AgendaDay(day=day)).sessions.extend(group)
    for session in sessions:
        session.places_left = session_places_left(session)
    return [days[day] for day in sorted(days)]


def get_session(*, event: Event, pk: int, audience: str = "public") -> Session:
    """Return one session of the event the audience may see, or raise Http404 (4 queries, 5 for a
    sign-up session).

    Its people come as plain values (see ``schedule.read_people``, with the organisations' links);
    ``session.public_practices`` lists the published good practices presented or visited in it.
    """
    found = prepared.rows(  # one row: by its key, not the model's ordering (joins event and project)
        ("events.session", event.pk, audience, pk),
        lambda: (
            Session.objects.filter(event=event, visibility__in=AUDIENCES[audience], pk=pk)
            .select_related("venue")
            .order_by("pk")[:1]
        ),
    )
    session = next(iter(found), None)
    if session is None:
        raise Http404("No such session")
    session.event = event
    session.places_left = session_places_left(session)  # counted for a sign-up session only
    read_people([session], links=True)
    session.public_practices = prepared.rows(
        ("events.session_practices", session.pk),
        lambda: (
            GoodPractice.objects.filter(sessions=session, status__in=PUBLIC_STATUSES)
            .only("pk", "title")
            .order_by("pk")
        ),
    )
    return session


def list_practice_sessions(*, practice: GoodPractice) -> list[Session]:
    """Return the public sessions of shown events where the practice was presented or visited (1 query).

    Oldest first; each session carries its ``event`` (with the event's project).
    """
    return list(
        Session.objects.filter(
            shown_publicly("event__project"),
            practices=practice,
            visibility=Visibility.PUBLIC,
            event__status__in=SHOWN_STATUSES,
        )
        .select_related("event__project")
        .order_by("starts_at", "pk")
    )


def list_signup_sessions(*, event: Event) -> list[Session]:
    """Return the sessions participants can sign up for, with their places left (1 query: what a
    form's choice shows, no presenters; the registration form is opened and posted in bursts)."""
    sessions = list(
        Session.objects.filter(event=event, visibility__in=AUDIENCES["participants"], capacity__isnull=False)
        .annotate(
            places_taken=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED), distinct=True)
        )
        .order_by("starts_at", "ends_at", "pk")
    )
    for session in sessions:
        session.event = event
        session.places_left = session_places_left(session)
    return sessions


def find_registration(*, token: str) -> Registration:
    """Return the registration a personal link opens; raise LinkInvalid or LinkExpired."""
    registration_id, key = read_token(token)
    registration = (
        Registration.objects.select_related("event__project", "person", "partner__organisation")
        .filter(pk=registration_id, link_key=key)
        .first()
    )
    if registration is None:
        raise LinkInvalid
    return registration


def open_registration(*, project: str, event: str, token: str) -> tuple[Registration | None, str | None]:
    """Return (registration, None) for a personal link of this event, or (None, why it opens nothing)."""
    try:
        registration = find_registration(token=token)
    except LinkExpired:
        return None, _("This personal link has expired.")
    except LinkInvalid:
        return None, _("This personal link is not valid. Please use the link from your e-mail.")
    if registration.event.project.slug != project or registration.event.slug != event:
        return None, _("This personal link is not valid. Please use the link from your e-mail.")
    return registration, None


def list_signups(*, registration: Registration) -> list[Signup]:
    """Return a registration's sign-ups (not cancelled) with their place in the queue."""
    signups = list(
        registration.signups.exclude(status=SignupStatus.CANCELLED)
        .select_related("session__venue")
        .order_by("session__starts_at")
    )
    for signup in signups:
        signup.position = (
            Signup.objects.filter(
                session=signup.session, status=SignupStatus.WAITING, pk__lte=signup.pk
            ).count()
            if signup.status == SignupStatus.WAITING
            else None
        )
    return signups


def waiting_position(*, registration: Registration) -> int | None:
    """Return the registration's place on the event's waiting list (1 = next), if it waits."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITING, pk__lte=registration.pk
    ).count()


def list_registrations(
    *,
    event: Event,
    status: str = "",
    partner_id: int | None = None,
    session_id: int | None = None,
    query: str = "",
) -> QuerySet[Registration]:
    """Return the event's registrations for organisers, filtered, in arrival order."""
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("person", "partner__organisation")
        .prefetch_related(
            Prefetch(
                "signups",
                queryset=Signup.objects.exclude(status=SignupStatus.CANCELLED).select_related("session"),
            ),
            Prefetch("attendances", queryset=Attendance.objects.filter(session__isnull=True)),
        )
        .order_by("pk")
    )
    if status:
        registrations = registrations.filter(status=status)
    if partner_id:
        registrations = registrations.filter(partner_id=partner_id)
    if session_id:
        registrations = registrations.filter(
            signups__session_id=session_id, signups__status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITING]
        ).distinct()
    if query:
        registrations = _match(registrations, query)
    return registrations


def _match(registrations: QuerySet[Registration], query: str) -> QuerySet[Registration]:
    """Match a check-in code or e-mail exactly, or every word of a name, whatever its case and accents."""
    query = query.strip()
    name = Q()
    for word in fold(query).split():
        name &= Q(person__search_key__contains=word)
    return registrations.filter(Q(check_in_code__iexact=query) | Q(person__email__iexact=query) | name)


@dataclass(frozen=True)
class AgendaWarning:
    session: Session
    other: Session
    kind: str  # "overlap" or "venue"


def agenda_warnings(*, event: Event) -> list[AgendaWarning]:
    """Return overlapping sessions (parallel sessions are allowed, but worth a look) and venue clashes."""
    sessions = list(Session.objects.filter(event=event).select_related("venue").order_by("starts_at", "pk"))
    warnings = []
    for index, session in enumerate(sessions):
        for other in sessions[index + 1 :]:
            if other.starts_at >= session.ends_at:
                break
            if session.needs_signup and other.needs_signup and session.venue_id != other.venue_id:
                continue  # parallel choices, such as study visits
            same_place = (
                session.venue_id is not None
                and session.venue_id == other.venue_id
                and session.room.lower() == other.room.lower()
            )
            warnings.append(
                AgendaWarning(session=session, other=other, kind="venue" if same_place else "overlap")
            )
    return warnings


def registration_counts(*, event: Event) -> dict[str, int]:
    """Return how many registrations the event has in each status."""
    rows = Registration.objects.filter(event=event).values_list("status").annotate(n=Count("pk"))
    return dict(rows)


def get_registration(*, event: Event, pk: int | None) -> Registration:
    """Return one registration of the event, or raise Http404."""
    registration = (
        Registration.objects.filter(event=event, pk=pk).select_related("person", "event__project").first()
    )
    if registration is None:
        raise Http404("No such registration")
    return registration


def get_event_session(*, event: Event, pk: int | None) -> Session:
    """Return any session of the event (organisers), or raise Http404."""
    session = Session.objects.filter(event=event, pk=pk).select_related("event__project", "venue").first()
    if session is None:
        raise Http404("No such session")
    return session


def personal_agenda(*, registration: Registration) -> list[Session]:
    """Return a participant's agenda: the sessions for everyone plus the sign-up sessions they got.

    For the calendar file (the confirmation e-mail's, the personal link's): each session with its
    venue, in one query, without the presenters, organisations and counts the agenda pages show
    (every confirmation e-mail built them, four queries and most of its rendering).
    """
    mine = registration.signups.filter(status=SignupStatus.CONFIRMED).values("session_id")
    event = registration.event
    sessions = (
        Session.objects.filter(event=event, visibility__in=AUDIENCES["participants"])
        .filter(Q(capacity__isnull=True) | Q(pk__in=mine))
        .select_related("venue")
        .order_by("starts_at", "ends_at", "pk")
    )
    found = list(sessions)
    for session in found:
        session.event = event
    return found


# --- for a signed-in person's home and profile ------------------------------------------------------


def list_registrations_for_addresses(*, emails: set[str], limit: int = 50) -> list[Registration]:
    """Return the registrations of the people with these (verified) e-mail addresses, newest event first."""
    if not emails:
        return []
    query = Q()
    for email in emails:
        query |= Q(person__email__iexact=email)
    with scopes_disabled():  # the person's own registrations, in every project
        return list(
            Registration.objects.filter(query)
            .select_related("event", "event__project", "person")
            .order_by("-event__start_date", "-pk")[:limit]
        )


def list_events_organised_by(
    *,
    coordinated_project_ids: set[int],
    edited: dict[int, int],
    today: datetime.date | None = None,
    limit: int = 50,
) -> list[Event]:
    """Return the events a person organises: every event of the projects they coordinate and those
    hosted by the organisation they edit for (``edited``: project id → organisation id); coming and
    running events first, then the most recent past ones."""
    query = Q(project_id__in=coordinated_project_ids) if coordinated_project_ids else Q(pk__in=[])
    for project_id, organisation_id in edited.items():
        query |= Q(project_id=project_id) & (
            Q(host_organisation_id=organisation_id) | Q(host_partner__organisation_id=organisation_id)
        )
    today = today or timezone.localdate()
    with scopes_disabled():  # only the projects the person organises in (the query says which)
        events = list(
            Event.objects.filter(query).select_related("project").order_by("start_date", "pk")[:500]
        )
    coming = [event for event in events if event.end_date >= today]
    past = sorted(
        (event for event in events if event.end_date < today), key=lambda e: e.start_date, reverse=True
    )
    return (coming + past)[:limit]
