"""Write an event's agenda: venues, the event itself, its sessions and the good practices they show.

Every write is atomic, validated and logged; the audit log refreshes the cached pages it changes
(see :mod:`secon.events.scopes`).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.core.audit import audited, record_change, snapshot
from secon.core.models import AuditEntry
from secon.core.uploads import clean_upload
from secon.events import change_emails
from secon.events.enums import EventStatus
from secon.events.models import Event, Session, Venue
from secon.events.services import waiting_list
from secon.events.validators import MAX_EVENT_DAYS
from secon.organisations.models import Organisation, Person
from secon.practices.enums import PUBLIC_STATUSES
from secon.practices.models import GoodPractice
from secon.projects.models import Project
from secon.projects.tenancy import check_same_project

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


def _check_fields(values: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def local_datetime(*, event: Event, day: datetime.date, time: datetime.time) -> datetime.datetime:
    """Return the aware moment of a wall-clock time on a day in the event's time zone."""
    return datetime.datetime.combine(day, time, tzinfo=event.zone)


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
def add_venue_to_event(*, actor, event: Event, **values) -> Venue:
    """Create a venue of the event's project and list it among the event's venues."""
    venue = create_venue(actor=actor, project=event.project, **values)
    with audited(actor=actor, instance=event, project_id=event.project_id):
        event.venues.add(venue)
    return venue


RESERVED_EVENT_SLUGS = frozenset({"new"})


def _check_event(event: Event) -> None:
    event.full_clean()
    if (event.end_date - event.start_date).days >= MAX_EVENT_DAYS:
        raise ValidationError(
            {
                "end_date": _("An event lasts at most %(days)d days; make longer ones several events.")
                % {"days": MAX_EVENT_DAYS}
            }
        )
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
                    "start_date": ngettext(
                        "%(count)d session would fall outside the event's days; move it first.",
                        "%(count)d sessions would fall outside the event's days; move them first.",
                        len(outside),
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
    return event


@transaction.atomic
def update_event(*, actor, event: Event, venues: Iterable[Venue] | None = None, **values) -> Event:
    """Change an event; raising its capacity gives places to those waiting."""
    _check_fields(values, EVENT_FIELDS)
    event = Event.objects.select_for_update().select_related("project").get(pk=event.pk)
    venues_before = set(event.venues.values_list("pk", flat=True))
    with audited(actor=actor, instance=event, project_id=event.project_id) as before:
        for name, value in values.items():
            setattr(event, name, value)
        _check_event(event)
        event.save()
        if venues is not None:
            event.venues.set(_check_venues(event.project, venues))
    venues_changed = venues is not None and {venue.pk for venue in venues} != venues_before
    _tell_participants(event, before, venues_changed=venues_changed)
    waiting_list.promote_registrations(event=event)
    return event


def _tell_participants(event: Event, before: dict, *, venues_changed: bool) -> None:
    """E-mail the people registered when the event is cancelled, postponed, or moves in time or place."""
    if before["status"] != event.status and event.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
        change_emails.queue_event_change(event, change=event.status)
        return
    if event.status != EventStatus.PUBLISHED or before["status"] != EventStatus.PUBLISHED:
        return
    after = snapshot(event, fields=("start_date", "end_date", "time_zone", "city", "country"))
    moved = {name for name, value in after.items() if before[name] != value}
    details = [
        key
        for key, names in (("dates", {"start_date", "end_date"}), ("time_zone", {"time_zone"}))
        if moved & names
    ]
    if venues_changed or moved & {"city", "country"}:
        details.append("place")
    if details:
        change_emails.queue_event_change(event, change="changed", details=details)


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
    if values.get("materials_file"):
        values["materials_file"] = clean_upload(values["materials_file"], field="materials_file")
    event = Event.objects.select_for_update().select_related("project").get(pk=event.pk)
    practices = _check_practices(event, practices)
    session = Session(project_id=event.project_id, event=event, **values)
    _check_session(session, event)
    check_same_project(session, event=event)
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
    if values.get("materials_file"):
        values["materials_file"] = clean_upload(values["materials_file"], field="materials_file")
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
    after = snapshot(session)
    details = [
        key
        for key, names in (("time", ("starts_at", "ends_at")), ("place", ("venue", "room", "meeting_point")))
        if any(before[name] != after[name] for name in names)
    ]
    if details:
        change_emails.queue_session_change(session, details=details)
    waiting_list.promote_signups(session=session)
    return session


@transaction.atomic
def delete_session(*, actor, session: Session) -> None:
    """Remove a session from the agenda (its sign-ups and attendance go with it)."""
    event = Event.objects.select_for_update().select_related("project").get(pk=session.event_id)
    with audited(actor=actor, instance=session, project_id=event.project_id, action=AuditEntry.Action.DELETE):
        change_emails.queue_session_removal(session)
    session.delete()
