"""Write events, agendas, registrations and attendance; each write is atomic, validated and logged.

Capacity: every change to the places of an event (registration, sign-up, cancellation, promotion)
first locks the event row (``select_for_update`` on PostgreSQL; on SQLite the IMMEDIATE
transaction holds the database write lock), then counts and writes. Changes to one event are thus
serialised, so the limits hold under concurrent requests, and waiting lists keep arrival order
(the primary key is assigned in lock order).
"""

import datetime
import itertools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from secon.core import cache
from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry
from secon.events import emails
from secon.events.enums import (
    ACTIVE,
    HOLDS_PLACE,
    EventStatus,
    RegistrationStatus,
    SignupStatus,
    Visibility,
)
from secon.events.models import Attendance, Event, Message, Registration, Session, Signup, Venue
from secon.organisations.enums import ConsentKind
from secon.organisations.models import Organisation, Partner, Person
from secon.organisations.selectors import current_consents
from secon.organisations.services import create_person, record_consent
from secon.practices.enums import PUBLIC_STATUSES
from secon.practices.models import GoodPractice
from secon.practices.services import practice_scope
from secon.projects.models import Project

EVENT_FIELDS = (
    "slug",
    "kind",
    "title",
    "description",
    "start_date",
    "end_date",
    "time_zone",
    "city",
    "country",
    "host_partner",
    "host_organisation",
    "status",
    "is_public",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "waiting_list",
    "requires_approval",
    "delegate_quota",
    "languages",
    "interpretation",
)
SESSION_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "venue",
    "room",
    "meeting_point",
    "capacity",
    "language",
    "accessibility_notes",
    "materials_url",
    "materials_file",
    "visibility",
)
VENUE_FIELDS = ("name", "address", "city", "latitude", "longitude", "organisation")
REGISTRATION_CONSENTS = (
    ConsentKind.TERMS,
    ConsentKind.PHOTOS,
    ConsentKind.SHARE_CONTACT,
    ConsentKind.PUBLIC_LIST,
)


def _check_fields(values: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


# --- cache scopes -----------------------------------------------------------------------------

ALL_EVENTS_SCOPE = "events"


def event_scope(project_slug: str, event_slug: str) -> str:
    """Name the page-cache scope of an event's pages (agenda, sessions, exports)."""
    return f"event:{project_slug}:{event_slug}"


def events_scope(project_slug: str) -> str:
    """Name the page-cache scope of a project's event list."""
    return f"events:{project_slug}"


def places_scope(project_slug: str, event_slug: str) -> str:
    """Name the page-cache scope of the places left (event and session pages show them)."""
    return f"event-places:{project_slug}:{event_slug}"


def touch_places(event: Event) -> None:
    """Invalidate the pages that show the event's places left (not its exports: they show none)."""
    cache.touch(places_scope(event.project.slug, event.slug))


def touch_event(
    event: Event, *, listing: bool = True, old_slug: str | None = None, practice_ids: Iterable[int] = ()
) -> None:
    """Invalidate every cached page of the event, and the event lists when the event itself changed.

    ``practice_ids`` names the good practices whose pages show the event's sessions (or did until now).
    """
    slug = event.project.slug
    scopes = [event_scope(slug, event.slug), places_scope(slug, event.slug)]
    if old_slug and old_slug != event.slug:
        scopes += [event_scope(slug, old_slug), places_scope(slug, old_slug)]
    if listing:
        scopes += [events_scope(slug), ALL_EVENTS_SCOPE]
    scopes += [practice_scope(slug, pk) for pk in practice_ids]
    cache.touch(*scopes)


def _linked_practice_ids(**filters) -> set[int]:
    """Return the ids of the good practices linked to the sessions matching the filters."""
    return set(
        Session.practices.through.objects.filter(
            **{f"session__{name}": value for name, value in filters.items()}
        ).values_list("goodpractice_id", flat=True)
    )


# --- times ------------------------------------------------------------------------------------


def local_datetime(*, event: Event, day: datetime.date, time: datetime.time) -> datetime.datetime:
    """Return the aware moment of a wall-clock time on a day in the event's time zone."""
    return datetime.datetime.combine(day, time, tzinfo=event.zone)


# --- venues and events ------------------------------------------------------------------------


@transaction.atomic
def create_venue(*, actor, project: Project, **values) -> Venue:
    """Record a venue of a project."""
    _check_fields(values, VENUE_FIELDS)
    venue = Venue(project=project, **values)
    venue.full_clean()
    venue.save()
    record_change(actor=actor, instance=venue, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return venue


@transaction.atomic
def update_venue(*, actor, venue: Venue, **values) -> Venue:
    """Change a venue; the agendas that use it are refreshed."""
    _check_fields(values, VENUE_FIELDS)
    venue = Venue.objects.select_for_update().get(pk=venue.pk)
    before = snapshot(venue)
    for name, value in values.items():
        setattr(venue, name, value)
    venue.full_clean()
    venue.save()
    record_change(
        actor=actor,
        instance=venue,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=venue.project_id,
    )
    for event in Event.objects.filter(Q(venues=venue) | Q(sessions__venue=venue)).distinct():
        touch_event(event, listing=False)
    return venue


RESERVED_EVENT_SLUGS = frozenset({"new"})


def _check_event(event: Event) -> None:
    event.full_clean()
    if event.slug in RESERVED_EVENT_SLUGS:
        raise ValidationError({"slug": _("This address name is reserved; choose another.")})
    if event.host_partner_id and event.host_partner.project_id != event.project_id:
        raise ValidationError({"host_partner": _("The host must be a partner of this project.")})
    if (
        event.registration_opens_at
        and event.registration_closes_at
        and event.registration_closes_at <= event.registration_opens_at
    ):
        raise ValidationError({"registration_closes_at": _("Registration must close after it opens.")})
    if event.pk:
        zone = event.zone
        outside = [
            session
            for session in event.sessions.all()
            if session.starts_at.astimezone(zone).date() < event.start_date
            or (session.ends_at - datetime.timedelta(microseconds=1)).astimezone(zone).date() > event.end_date
        ]
        if outside:
            raise ValidationError(
                {
                    "start_date": _(
                        "%(count)d sessions would fall outside the event's days; move them first."
                    )
                    % {"count": len(outside)}
                }
            )


def _check_venues(project: Project, venues: Iterable[Venue]) -> list[Venue]:
    venues = list(venues)
    if any(venue.project_id != project.pk for venue in venues):
        raise ValidationError({"venues": _("Choose venues of this project.")})
    return venues


@transaction.atomic
def create_event(*, actor, project: Project, venues: Iterable[Venue] = (), **values) -> Event:
    """Create an event of a project (a draft unless a status is given)."""
    _check_fields(values, EVENT_FIELDS)
    venues = _check_venues(project, venues)
    event = Event(project=project, **values)
    _check_event(event)
    event.save()
    event.venues.set(venues)
    record_change(actor=actor, instance=event, action=AuditEntry.Action.CREATE, project_id=project.pk)
    touch_event(event)
    return event


@transaction.atomic
def update_event(*, actor, event: Event, venues: Iterable[Venue] | None = None, **values) -> Event:
    """Change an event; raising its capacity gives places to those waiting."""
    _check_fields(values, EVENT_FIELDS)
    event = Event.objects.select_for_update().select_related("project").get(pk=event.pk)
    before = snapshot(event)
    for name, value in values.items():
        setattr(event, name, value)
    _check_event(event)
    event.save()
    if venues is not None:
        event.venues.set(_check_venues(event.project, venues))
    record_change(
        actor=actor,
        instance=event,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=event.project_id,
    )
    _promote_registrations(event=event)
    touch_event(event, old_slug=before["slug"], practice_ids=_linked_practice_ids(event=event))
    return event


# --- sessions ---------------------------------------------------------------------------------


def _double_bookings(session: Session):
    """Return the sessions (of any event) that use the same venue and room at an overlapping time."""
    if session.venue_id is None:
        return Session.objects.none()
    return (
        Session.objects.filter(
            venue_id=session.venue_id,
            room__iexact=session.room,
            starts_at__lt=session.ends_at,
            ends_at__gt=session.starts_at,
        )
        .exclude(pk=session.pk)
        .select_related("event")
    )


def _check_session(session: Session, event: Event) -> None:
    """Validate a session against its event: times inside its days, venue not double-booked."""
    errors = {}
    try:
        session.full_clean(exclude=["project", "event"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if session.starts_at and session.ends_at:
        zone = event.zone
        if session.ends_at <= session.starts_at:
            errors.setdefault("ends_at", []).append(_("The session must end after it starts."))
        else:
            first = session.starts_at.astimezone(zone).date()
            last = (session.ends_at - datetime.timedelta(microseconds=1)).astimezone(zone).date()
            if first < event.start_date or last > event.end_date:
                errors.setdefault("starts_at", []).append(
                    _("The session must take place during the event (%(start)s – %(end)s, %(zone)s).")
                    % {
                        "start": formats.date_format(event.start_date, "SHORT_DATE_FORMAT"),
                        "end": formats.date_format(event.end_date, "SHORT_DATE_FORMAT"),
                        "zone": event.time_zone,
                    }
                )
            elif session.venue_id:
                clash = _double_bookings(session).first()
                if clash:
                    errors.setdefault("venue", []).append(
                        _("%(venue)s is already booked at that time for “%(session)s”.")
                        % {"venue": session.venue.name, "session": clash.title}
                    )
    if session.venue_id and session.venue.project_id != event.project_id:
        errors.setdefault("venue", []).append(_("Choose a venue of this project."))
    if errors:
        raise ValidationError(errors)


def _check_practices(event: Event, practices: Iterable[GoodPractice]) -> list[GoodPractice]:
    """Accept only published good practices of the event's project (the public pages show them)."""
    practices = list(practices)
    if any(practice.project_id != event.project_id for practice in practices):
        raise ValidationError({"practices": _("Choose good practices of this project.")})
    if any(practice.status not in PUBLIC_STATUSES for practice in practices):
        raise ValidationError({"practices": _("Choose good practices that are approved and published.")})
    return practices


def _record_practice_links(entry: AuditEntry, before: set[int], after: set[int]) -> None:
    """Add the change of the linked good practices to the session's audit entry."""
    if before != after:
        entry.changes = {**entry.changes, "practices": [sorted(before), sorted(after)]}
        entry.save(update_fields=["changes"])


@transaction.atomic
def add_session(
    *,
    actor,
    event: Event,
    presenters: Iterable[Person] = (),
    presenting_organisations: Iterable[Organisation] = (),
    visited_organisations: Iterable[Organisation] = (),
    practices: Iterable[GoodPractice] = (),
    **values,
) -> Session:
    """Add a session to an event's agenda (times are aware datetimes; see :func:`local_datetime`).

    ``practices`` are the good practices presented or visited in the session: published practices
    of the event's project only.
    """
    _check_fields(values, SESSION_FIELDS)
    event = Event.objects.select_for_update().select_related("project").get(pk=event.pk)
    practices = _check_practices(event, practices)
    session = Session(project_id=event.project_id, event=event, **values)
    _check_session(session, event)
    session.save()
    session.presenters.set(presenters)
    session.presenting_organisations.set(presenting_organisations)
    session.visited_organisations.set(visited_organisations)
    session.practices.set(practices)
    entry = record_change(
        actor=actor, instance=session, action=AuditEntry.Action.CREATE, project_id=event.project_id
    )
    linked = {practice.pk for practice in practices}
    _record_practice_links(entry, set(), linked)
    touch_event(event, listing=False, practice_ids=linked)
    return session


@transaction.atomic
def update_session(
    *,
    actor,
    session: Session,
    presenters: Iterable[Person] | None = None,
    presenting_organisations: Iterable[Organisation] | None = None,
    visited_organisations: Iterable[Organisation] | None = None,
    practices: Iterable[GoodPractice] | None = None,
    **values,
) -> Session:
    """Change a session; more places give them to those waiting, in arrival order.

    ``practices`` (when given) replaces the good practices presented or visited in the session.
    """
    _check_fields(values, SESSION_FIELDS)
    event = Event.objects.select_for_update().select_related("project").get(pk=session.event_id)
    if practices is not None:
        practices = _check_practices(event, practices)
    session = Session.objects.get(pk=session.pk)
    before = snapshot(session)
    linked_before = set(session.practices.values_list("pk", flat=True))
    for name, value in values.items():
        setattr(session, name, value)
    _check_session(session, event)
    session.save()
    if presenters is not None:
        session.presenters.set(presenters)
    if presenting_organisations is not None:
        session.presenting_organisations.set(presenting_organisations)
    if visited_organisations is not None:
        session.visited_organisations.set(visited_organisations)
    linked = linked_before
    if practices is not None:
        session.practices.set(practices)
        linked = {practice.pk for practice in practices}
    entry = record_change(
        actor=actor,
        instance=session,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=event.project_id,
    )
    _record_practice_links(entry, linked_before, linked)
    _promote_signups(session=session)
    # The practice pages show the session's title and time: refresh those linked before and after.
    touch_event(event, listing=False, practice_ids=linked_before | linked)
    return session


@transaction.atomic
def delete_session(*, actor, session: Session) -> None:
    """Remove a session from the agenda (its sign-ups and attendance go with it)."""
    event = Event.objects.select_for_update().select_related("project").get(pk=session.event_id)
    before = snapshot(session)
    linked = _linked_practice_ids(pk=session.pk)
    record_change(
        actor=actor,
        instance=session,
        action=AuditEntry.Action.DELETE,
        before=before,
        project_id=event.project_id,
    )
    session.delete()
    touch_event(event, listing=False, practice_ids=linked)


# --- registration -----------------------------------------------------------------------------


def registration_problem(*, event: Event, now: datetime.datetime | None = None) -> str | None:
    """Say why the event takes no registrations now, or return None when it does."""
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED:
        return _("This event does not take registrations.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens on %(when)s.") % {
            "when": formats.date_format(
                timezone.localtime(event.registration_opens_at, event.zone), "DATETIME_FORMAT"
            )
        }
    if event.registration_closes_at and now >= event.registration_closes_at:
        return _("Registration closed on %(when)s.") % {
            "when": formats.date_format(
                timezone.localtime(event.registration_closes_at, event.zone), "DATETIME_FORMAT"
            )
        }
    if now >= event.ends_at():
        return _("This event is over.")
    return None


def _event_is_full(event: Event, partner: Partner | None) -> bool:
    taken = Registration.objects.filter(event=event, status__in=HOLDS_PLACE)
    if event.capacity is not None and taken.count() >= event.capacity:
        return True
    return bool(
        partner is not None
        and event.delegate_quota is not None
        and taken.filter(partner=partner).count() >= event.delegate_quota
    )


def _check_session_choice(event: Event, sessions: list[Session]) -> None:
    for session in sessions:
        if (
            session.event_id != event.pk
            or not session.needs_signup
            or session.visibility == Visibility.COMMITTEE
        ):
            raise ValidationError(
                {"sessions": _("“%(session)s” cannot be chosen here.") % {"session": session}}
            )
    ordered = sorted(sessions, key=lambda s: s.starts_at)
    for first, second in itertools.combinations(ordered, 2):
        if first.overlaps(second):
            raise ValidationError(
                {
                    "sessions": _(
                        "“%(first)s” and “%(second)s” take place at the same time; choose one of them."
                    )
                    % {"first": first, "second": second}
                }
            )


def _sign_up(registration: Registration, session: Session) -> Signup:
    """Give the registration a place in the session if there is one, else a place in the queue."""
    taken = Signup.objects.filter(session=session, status=SignupStatus.CONFIRMED).count()
    can_have_place = registration.status in HOLDS_PLACE and taken < session.capacity
    signup = Signup.objects.create(
        registration=registration,
        session=session,
        status=SignupStatus.CONFIRMED if can_have_place else SignupStatus.WAITING,
    )
    return signup


def _find_partner(event: Event, partner: Partner | None) -> Partner | None:
    if partner is not None and partner.project_id != event.project_id:
        raise ValidationError({"partner": _("Choose a partner of this project.")})
    return partner


def _check_open(event: Event, *, by_organiser: bool, now: datetime.datetime) -> None:
    if by_organiser:
        return
    problem = registration_problem(event=event, now=now)
    if problem:
        raise ValidationError(problem, code="closed")
    if not event.is_public:
        raise ValidationError(_("This event is by invitation only."), code="invitation")


def _find_or_create_person(*, actor, first_name: str, last_name: str, email: str, language: str) -> Person:
    """Return the person with this e-mail address, recording them if new (people are shared)."""
    email = email.strip().lower()
    person = Person.objects.filter(email__iexact=email).first()
    if person is not None:
        return person
    try:
        with transaction.atomic():
            return create_person(
                actor=actor,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email,
                preferred_language=language,
            )
    except (IntegrityError, ValidationError):
        # Someone registered with the same address at the same moment (for another event)?
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            raise
        return person


@transaction.atomic
def register_participant(
    *,
    actor=None,
    event: Event,
    first_name: str,
    last_name: str,
    email: str,
    language: str,
    organisation_name: str = "",
    partner: Partner | None = None,
    dietary_needs: str = "",
    accessibility_needs: str = "",
    consents: dict[str, bool],
    sessions: Iterable[Session] = (),
    by_organiser: bool = False,
    notify: bool = True,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register a person for an event and the sessions they chose; wait for a place when full.

    The organiser registers people for an invitation-only event (``by_organiser``). Sends the
    confirmation e-mail in the person's language once the registration is saved.
    """
    now = now or timezone.now()
    if not consents.get(ConsentKind.TERMS):
        raise ValidationError({"terms": _("Please accept the terms of participation to register.")})
    # Everything that does not depend on the places left happens before the event row is locked,
    # so that concurrent registrations wait for each other as briefly as possible.
    event = Event.objects.select_related("project").get(pk=event.pk)
    _check_open(event, by_organiser=by_organiser, now=now)
    partner = _find_partner(event, partner)
    sessions = list(sessions)
    _check_session_choice(event, sessions)
    person = _find_or_create_person(
        actor=actor, first_name=first_name, last_name=last_name, email=email, language=language
    )
    source = f"registration for {event.project.slug}/{event.slug}"
    for kind in REGISTRATION_CONSENTS:
        record_consent(
            actor=actor, person=person, kind=kind, granted=bool(consents.get(kind)), source=source, at=now
        )

    event = Event.objects.select_for_update().select_related("project").get(pk=event.pk)
    _check_open(event, by_organiser=by_organiser, now=now)
    if Registration.objects.filter(event=event, person=person, status__in=ACTIVE).exists():
        raise ValidationError(
            {"email": _("This e-mail address is already registered for this event; use your personal link.")}
        )

    if not _event_is_full(event, partner):
        status = RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
    elif event.waiting_list:
        status = RegistrationStatus.WAITING
    else:
        raise ValidationError(_("This event is full."), code="full")
    registration = Registration(
        project_id=event.project_id,
        event=event,
        person=person,
        organisation_name=organisation_name.strip(),
        partner=partner,
        language=language,
        dietary_needs=dietary_needs.strip(),
        accessibility_needs=accessibility_needs.strip(),
        status=status,
    )
    registration.full_clean(exclude=["project", "event", "person"])
    registration.save()
    for session in sorted(sessions, key=lambda s: s.pk):
        _sign_up(registration, session)
    record_change(
        actor=actor, instance=registration, action=AuditEntry.Action.CREATE, project_id=event.project_id
    )
    if notify:
        emails.send_on_commit(emails.send_confirmation, registration.pk)
    touch_places(event)
    return registration


def _lock(registration: Registration) -> tuple[Event, Registration]:
    event = Event.objects.select_for_update().select_related("project").get(pk=registration.event_id)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    return event, registration


@transaction.atomic
def change_registration(
    *,
    actor=None,
    registration: Registration,
    sessions: Iterable[Session] | None = None,
    language: str | None = None,
    dietary_needs: str | None = None,
    accessibility_needs: str | None = None,
) -> Registration:
    """Change a registration: chosen sessions (places freed go to those waiting), language, needs."""
    event, registration = _lock(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is cancelled."), code="cancelled")
    before = snapshot(registration)
    for name, value in (
        ("language", language),
        ("dietary_needs", dietary_needs),
        ("accessibility_needs", accessibility_needs),
    ):
        if value is not None:
            setattr(registration, name, value.strip())
    registration.full_clean(exclude=["project", "event", "person"])
    registration.save()
    if sessions is not None:
        sessions = list(sessions)
        _check_session_choice(event, sessions)
        wanted = {session.pk for session in sessions}
        current = {s.session_id: s for s in registration.signups.exclude(status=SignupStatus.CANCELLED)}
        for session_id, signup in current.items():
            if session_id not in wanted:
                _cancel_signup(signup)
        for session in sorted(sessions, key=lambda s: s.pk):
            if session.pk not in current:
                _sign_up(registration, session)
    record_change(
        actor=actor,
        instance=registration,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=event.project_id,
    )
    touch_places(event)
    return registration


def _cancel_signup(signup: Signup, *, notify: bool = True) -> None:
    freed = signup.status == SignupStatus.CONFIRMED
    signup.status = SignupStatus.CANCELLED
    signup.save(update_fields=["status"])
    if freed:
        _promote_signups(session=signup.session, notify=notify)


@transaction.atomic
def cancel_registration(*, actor=None, registration: Registration, notify: bool = True) -> Registration:
    """Cancel a registration and its sign-ups; the places go to the first people waiting."""
    event, registration = _lock(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    before = snapshot(registration)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    for signup in registration.signups.exclude(status=SignupStatus.CANCELLED).select_related("session"):
        _cancel_signup(signup, notify=notify)
    record_change(
        actor=actor,
        instance=registration,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=event.project_id,
    )
    _promote_registrations(event=event, notify=notify)
    touch_places(event)
    return registration


@transaction.atomic
def confirm_registration(*, actor, registration: Registration) -> Registration:
    """Confirm a registration that awaits approval or waits for a place (if a place is free)."""
    event, registration = _lock(registration)
    if registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is cancelled."), code="cancelled")
    if registration.status == RegistrationStatus.WAITING and _event_is_full(event, registration.partner):
        raise ValidationError(
            _("No place is free: raise the number of places or move someone to the waiting list first."),
            code="full",
        )
    before = snapshot(registration)
    _give_place(registration)
    record_change(
        actor=actor,
        instance=registration,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=event.project_id,
    )
    emails.send_on_commit(
        emails.send_promotion if before["status"] == "waiting" else emails.send_confirmation, registration.pk
    )
    touch_places(event)
    return registration


@transaction.atomic
def move_to_waiting_list(*, actor, registration: Registration) -> Registration:
    """Put a registration back on the waiting list (its place goes to nobody until freed again)."""
    event, registration = _lock(registration)
    if registration.status not in HOLDS_PLACE:
        raise ValidationError(
            _("Only confirmed registrations can be moved to the waiting list."), code="status"
        )
    before = snapshot(registration)
    registration.status = RegistrationStatus.WAITING
    registration.save(update_fields=["status", "updated_at"])
    for signup in registration.signups.filter(status=SignupStatus.CONFIRMED).select_related("session"):
        signup.status = SignupStatus.WAITING
        signup.save(update_fields=["status"])
        _promote_signups(session=signup.session)
    record_change(
        actor=actor,
        instance=registration,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=event.project_id,
    )
    touch_places(event)
    return registration


def _give_place(registration: Registration, *, notify: bool = True) -> None:
    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    for signup in registration.signups.filter(status=SignupStatus.WAITING).select_related("session"):
        _promote_signups(session=signup.session, notify=notify)


def _promote_registrations(*, event: Event, notify: bool = True) -> None:
    """Give free places to the registrations waiting longest (respecting delegate quotas)."""
    if not event.waiting_list or event.requires_approval:
        return
    for registration in Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "pk"
    ):
        if event.capacity is not None and (
            Registration.objects.filter(event=event, status__in=HOLDS_PLACE).count() >= event.capacity
        ):
            return
        if _event_is_full(event, registration.partner):
            continue
        _give_place(registration, notify=notify)
        if notify:
            emails.send_on_commit(emails.send_promotion, registration.pk)


def _promote_signups(*, session: Session, notify: bool = True) -> None:
    """Give the session's free places to confirmed participants waiting for it, in arrival order."""
    if session.capacity is None:
        return
    free = session.capacity - Signup.objects.filter(session=session, status=SignupStatus.CONFIRMED).count()
    if free <= 0:
        return
    waiting = (
        Signup.objects.filter(
            session=session,
            status=SignupStatus.WAITING,
            registration__status__in=HOLDS_PLACE,
        )
        .select_related("registration")
        .order_by("pk")[:free]
    )
    for signup in waiting:
        signup.status = SignupStatus.CONFIRMED
        signup.save(update_fields=["status"])
        if notify:
            emails.send_on_commit(emails.send_session_promotion, signup.pk)


# --- attendance -------------------------------------------------------------------------------


@transaction.atomic
def check_in(
    *,
    actor,
    registration: Registration,
    day: datetime.date | None = None,
    session: Session | None = None,
    now: datetime.datetime | None = None,
) -> Attendance:
    """Record that a confirmed participant is present on a day (or at a session); repeating is harmless."""
    now = now or timezone.now()
    event = Event.objects.select_related("project").get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("%(person)s has no confirmed place (%(status)s).")
            % {"person": registration.person, "status": registration.get_status_display()},
            code="status",
        )
    if session is not None:
        if session.event_id != event.pk:
            raise ValidationError({"session": _("This session belongs to another event.")})
        day = session.starts_at.astimezone(event.zone).date()
    day = day or timezone.localtime(now, event.zone).date()
    if day not in event.days:
        raise ValidationError({"day": _("The event does not take place on that day.")})
    existing = Attendance.objects.filter(registration=registration, day=day, session=session).first()
    if existing:
        return existing
    attendance = Attendance(
        project_id=event.project_id,
        registration=registration,
        day=day,
        session=session,
        checked_in_at=now,
        checked_in_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attendance.full_clean(
        exclude=["project", "registration", "session", "checked_in_by"], validate_constraints=False
    )
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:
        # Checked in at the same moment from another device: the first record stands.
        return Attendance.objects.get(registration=registration, day=day, session=session)
    if (
        session is not None
        and not Attendance.objects.filter(registration=registration, day=day, session__isnull=True).exists()
    ):
        try:
            with transaction.atomic():
                Attendance.objects.create(
                    project_id=event.project_id,
                    registration=registration,
                    day=day,
                    checked_in_at=now,
                    checked_in_by=attendance.checked_in_by,
                )
        except IntegrityError:
            pass  # the day was recorded at the same moment from another device
    record_change(
        actor=actor, instance=attendance, action=AuditEntry.Action.CREATE, project_id=event.project_id
    )
    return attendance


@transaction.atomic
def message_participants(*, actor, event: Event, subject: str, body: str, statuses: list[str]) -> Message:
    """Write to the event's participants in the given statuses; each gets their personal link too."""
    if not set(statuses) <= {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.PENDING,
    }:
        raise ValidationError({"statuses": _("Choose whom to write to.")})
    message = Message(
        project_id=event.project_id,
        event=event,
        subject=subject.strip(),
        body=body.strip(),
        statuses=list(statuses),
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    message.full_clean(exclude=["project", "event", "sent_by"])
    message.save()
    recipients = list(Registration.objects.filter(event=event, status__in=statuses))
    if not recipients:
        raise ValidationError({"statuses": _("Nobody is registered with these statuses.")})
    message.recipients.set(recipients)
    record_change(actor=actor, instance=message, action=AuditEntry.Action.CREATE, project_id=event.project_id)
    emails.send_on_commit(emails.send_message, message.pk)
    return message


@transaction.atomic
def add_venue_to_event(*, actor, event: Event, **values) -> Venue:
    """Create a venue of the event's project and list it among the event's venues."""
    venue = create_venue(actor=actor, project=event.project, **values)
    event.venues.add(venue)
    touch_event(event, listing=False)
    return venue


#: Consents a participant can change from their personal page (the terms stay: they are the basis).
CHANGEABLE_CONSENTS = (ConsentKind.PHOTOS, ConsentKind.SHARE_CONTACT, ConsentKind.PUBLIC_LIST)


@transaction.atomic
def update_consents(*, actor=None, registration: Registration, consents: dict[str, bool]) -> list[str]:
    """Record the consents the participant changed; return the kinds that changed."""
    current = current_consents(person=registration.person)
    changed = []
    for kind in CHANGEABLE_CONSENTS:
        if kind not in consents:
            continue
        wanted = bool(consents[kind])
        if kind not in current or current[kind].granted != wanted:
            record_consent(
                actor=actor,
                person=registration.person,
                kind=kind,
                granted=wanted,
                source=f"personal page of {registration.event.project.slug}/{registration.event.slug}",
            )
            changed.append(kind)
    if ConsentKind.PUBLIC_LIST in changed:
        # Every event page that lists this person as a participant must change at once.
        for event in Event.objects.filter(registrations__person=registration.person).select_related(
            "project"
        ):
            touch_places(event)
    return changed
