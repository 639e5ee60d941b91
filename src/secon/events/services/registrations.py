"""Register participants, change and cancel registrations, confirm them or move them to the waiting list.

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
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.events import change_emails, emails, selectors
from secon.events.enums import ACTIVE, HOLDS_PLACE, EventStatus, RegistrationStatus, SignupStatus, Visibility
from secon.events.holds import HeldRegistration
from secon.events.models import Event, Registration, Session, Signup
from secon.events.services import holds, waiting_list
from secon.organisations.enums import ConsentKind
from secon.organisations.models import Partner, Person
from secon.organisations.notices import PrivacyNoticeVersion
from secon.organisations.selectors import current_notice
from secon.organisations.services import create_person, record_consents
from secon.projects.tenancy import check_same_project

REGISTRATION_CONSENTS = (
    ConsentKind.TERMS,
    ConsentKind.PHOTOS,
    ConsentKind.SHARE_CONTACT,
    ConsentKind.PUBLIC_LIST,
)


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


def _find_partner(event: Event, partner: Partner | None) -> Partner | None:
    if partner is not None and partner.project_id != event.project_id:
        raise ValidationError({"partner": _("Choose a partner of this project.")})
    return partner


def check_public_registration(*, event: Event, now: datetime.datetime | None = None) -> None:
    """Raise ValidationError when the public may not register now, else return None.

    Codes: "closed" (not published, not yet open, closed, over), "invitation" (the organisers register
    the participants), "full" (no place left and no waiting list; with a waiting list one still registers
    and waits). The message says why, in the active language.
    """
    problem = registration_problem(event=event, now=now)
    if problem:
        raise ValidationError(problem, code="closed")
    if not event.is_public:
        raise ValidationError(_("This event is by invitation only."), code="invitation")
    if not event.waiting_list and selectors.places_left(event=event) == 0:
        raise ValidationError(_("This event is full."), code="full")


def _check_open(event: Event, *, by_organiser: bool, now: datetime.datetime) -> None:
    if not by_organiser:
        check_public_registration(event=event, now=now)


def _find_or_create_person(
    *, actor, first_name: str, last_name: str, email: str, language: str, found: Person | None
) -> tuple[Person, bool]:
    """Return the person with this e-mail address and whether they were recorded now (people are shared).

    ``found``: the person the caller found with this address (looked up already), None if nobody.
    """
    email = email.strip().lower()
    if found is not None:
        return found, False
    try:
        # create_person's own savepoint: an address recorded at the same moment (for another event)
        # rolls back only this attempt, not the caller's transaction.
        person = create_person(
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
        return person, False
    return person, True


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
    address_proven: bool = False,
    public_form: bool = False,
    consent_source: str = "",
    notice: PrivacyNoticeVersion | None = None,
    now: datetime.datetime | None = None,
) -> Registration | HeldRegistration:
    """Register a person for an event and the sessions they chose; wait for a place when full.

    The organiser registers people for an invitation-only event (``by_organiser``). Sends the
    confirmation e-mail in the person's language once the registration is saved.

    An address typed into a form proves nothing: the registration is held (``services/holds.py``)
    until the address confirms it, and the caller gets the :class:`HeldRegistration`. The public form
    (``public_form``) holds every such registration, whoever owns the address, so that its answer and
    its work never depend on whether the site knows the address; other callers hold only an address
    the site already knows, whose person's consents and profile are thus never touched.
    ``address_proven``: the address's owner confirmed it (the e-mailed page, or signed in with that
    confirmed address).
    An organiser's registration of a known person records no consents for them. Consents record
    ``notice``, the version of the project's privacy notice the person was shown (by default the
    current one). An organiser's registration needs ``events.change_registration`` on the event (or
    ``SYSTEM``); a person registering themselves needs no permission.
    """
    now = now or timezone.now()
    if by_organiser:
        require(actor, "events.change_registration", event)
    if not consents.get(ConsentKind.TERMS):
        raise ValidationError({"terms": _("Please accept the terms of participation to register.")})
    if not (address_proven or by_organiser) and (
        public_form or Person.objects.filter(email__iexact=email.strip().lower()).exists()
    ):
        # Held: read outside any transaction (on SQLite one holds the database's write lock from its
        # start, and a burst of forms would wait for each other's reads); only the hold is written.
        event = Event.objects.select_related("project").get(pk=event.pk)
        _check_open(event, by_organiser=False, now=now)
        sessions = list(sessions)
        _check_session_choice(event, sessions)
        return holds.hold_registration(
            event=event,
            email=email,
            language=language,
            first_name=first_name,
            last_name=last_name,
            organisation_name=organisation_name,
            partner=_find_partner(event, partner),
            dietary_needs=dietary_needs,
            accessibility_needs=accessibility_needs,
            consents=consents,
            sessions=sessions,
            notice=notice or current_notice(project=event.project),
            now=now,
        )
    return _register(
        actor=actor,
        event=event,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language=language,
        organisation_name=organisation_name,
        partner=partner,
        dietary_needs=dietary_needs,
        accessibility_needs=accessibility_needs,
        consents=consents,
        sessions=sessions,
        by_organiser=by_organiser,
        notify=notify,
        consent_source=consent_source,
        notice=notice,
        now=now,
    )


@transaction.atomic
def _register(
    *,
    actor,
    event: Event,
    first_name: str,
    last_name: str,
    email: str,
    language: str,
    organisation_name: str,
    partner: Partner | None,
    dietary_needs: str,
    accessibility_needs: str,
    consents: dict[str, bool],
    sessions: Iterable[Session],
    by_organiser: bool,
    notify: bool,
    consent_source: str,
    notice: PrivacyNoticeVersion | None,
    now: datetime.datetime,
) -> Registration:
    """:func:`register_participant` of a proven address, or by an organiser: in one transaction."""
    found = Person.objects.filter(email__iexact=email.strip().lower()).first()
    known = found is not None
    # Everything that does not depend on the places left happens before the event row is locked,
    # so that concurrent registrations wait for each other as briefly as possible.
    event = Event.objects.select_related("project").get(pk=event.pk)
    _check_open(event, by_organiser=by_organiser, now=now)
    partner = _find_partner(event, partner)
    sessions = list(sessions)
    _check_session_choice(event, sessions)
    person, created = _find_or_create_person(
        actor=actor, first_name=first_name, last_name=last_name, email=email, language=language, found=found
    )
    source = consent_source or f"registration for {event.project.slug}/{event.slug}"
    notice = notice or current_notice(project=event.project)
    # Consents are the person's own: recorded when they gave them (a new address, or their confirmed
    # one), never when an organiser registers someone the site already knows.
    if not (known and by_organiser):
        record_consents(
            actor=actor,
            person=person,
            granted={kind: bool(consents.get(kind)) for kind in REGISTRATION_CONSENTS},
            source=source,
            at=now,
            notice=notice,
            on_pages=not created,
        )
    return _take_place(
        actor=actor,
        event=event,
        person=person,
        person_created=created,
        partner=partner,
        sessions=sessions,
        language=language,
        organisation_name=organisation_name,
        dietary_needs=dietary_needs,
        accessibility_needs=accessibility_needs,
        by_organiser=by_organiser,
        notify=notify,
        now=now,
    )


@transaction.atomic(savepoint=False)
def register_confirmed_address(
    *,
    event: Event,
    person: Person | None,
    first_name: str,
    last_name: str,
    email: str,
    language: str,
    organisation_name: str,
    partner: Partner | None,
    dietary_needs: str,
    accessibility_needs: str,
    consents: dict[str, bool],
    sessions: list[Session],
    notice: PrivacyNoticeVersion | None,
    consent_source: str,
    now: datetime.datetime,
) -> Registration:
    """Register the person whose address confirmed their held registration (``services/holds.py``).

    What :func:`register_participant` does for a proven address, in the caller's transaction (no
    savepoint), without its reads: the caller read them before its transaction, which on SQLite holds
    the database's write lock from its first statement, so that people confirming at once wait for
    each other only while this writes. ``event`` with its project; ``partner`` (of the event's
    project) and ``sessions`` (of the event); ``person``: the one with this address, None when the
    site had none; ``notice``: the version the person was shown (None: the project has none). What
    can have changed since is checked again here: the event's state under its lock, the session
    choice, someone recorded with the address meanwhile.
    """
    if not consents.get(ConsentKind.TERMS):
        raise ValidationError({"terms": _("Please accept the terms of participation to register.")})
    _check_session_choice(event, sessions)
    person, created = _find_or_create_person(
        actor=None, first_name=first_name, last_name=last_name, email=email, language=language, found=person
    )
    record_consents(
        actor=None,
        person=person,
        granted={kind: bool(consents.get(kind)) for kind in REGISTRATION_CONSENTS},
        source=consent_source,
        at=now,
        notice=notice,
        on_pages=not created,
    )
    return _take_place(
        actor=None,
        event=event,
        person=person,
        person_created=created,
        partner=partner,
        sessions=sessions,
        language=language,
        organisation_name=organisation_name,
        dietary_needs=dietary_needs,
        accessibility_needs=accessibility_needs,
        by_organiser=False,
        notify=True,
        now=now,
    )


def _take_place(
    *,
    actor,
    event: Event,
    person: Person,
    person_created: bool,
    partner: Partner | None,
    sessions: list[Session],
    language: str,
    organisation_name: str,
    dietary_needs: str,
    accessibility_needs: str,
    by_organiser: bool,
    notify: bool,
    now: datetime.datetime,
) -> Registration:
    """Lock the event, check again what can have changed, give a place or one in the queue, log it.

    Only this part runs while the event is locked: keep it to the checks and the writes. The event
    row alone is locked (not its project's, which would serialise every event of the project).
    """
    project = event.project
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.project = project  # the same row, read in this request a moment ago
    _check_open(event, by_organiser=by_organiser, now=now)
    # A person recorded in this transaction has no registration (nobody else sees them yet).
    if (
        not person_created
        and Registration.objects.filter(event=event, person=person, status__in=ACTIVE).exists()
    ):
        raise ValidationError(
            {"email": _("This e-mail address is already registered for this event; use your personal link.")}
        )

    if not waiting_list.is_event_full(event, partner):
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
        organisation_id=person.organisation_id,
        partner=partner,
        language=language,
        dietary_needs=dietary_needs.strip(),
        accessibility_needs=accessibility_needs.strip(),
        status=status,
    )
    # The check-in code is random (10 of 32 characters): the database's unique index keeps it unique,
    # without a query under the lock to look for a collision.
    registration.full_clean(exclude=["project", "event", "person", "check_in_code"])
    check_same_project(registration, event=event, partner=partner)
    registration.save()
    for session in sorted(sessions, key=lambda s: s.pk):
        waiting_list.sign_up(registration, session)
    record_change(
        actor=actor, instance=registration, action=AuditEntry.Action.CREATE, project_id=event.project_id
    )
    if notify:
        emails.queue_confirmation(registration)
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
    with audited(actor=actor, instance=registration, project_id=event.project_id):
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
                    waiting_list.sign_up(registration, session)
    if change_emails.by_someone_else(actor, registration):
        emails.queue_confirmation(registration)  # the registration as it is now
    return registration


def _cancel_signup(signup: Signup, *, notify: bool = True) -> None:
    freed = signup.status == SignupStatus.CONFIRMED
    signup.status = SignupStatus.CANCELLED
    signup.save(update_fields=["status"])
    if freed:
        waiting_list.promote_signups(session=signup.session, notify=notify)


@transaction.atomic
def cancel_registration(*, actor=None, registration: Registration, notify: bool = True) -> Registration:
    """Cancel a registration and its sign-ups; the places go to the first people waiting.

    Without ``actor`` the participant cancels (through their personal link); an actor must be
    allowed to change the event's registrations (an organiser, or an integration's token).
    """
    event, registration = _lock(registration)
    if actor is not None:
        require(actor, "events.change_registration", event)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    with audited(actor=actor, instance=registration, project_id=event.project_id):
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        for signup in registration.signups.exclude(status=SignupStatus.CANCELLED).select_related("session"):
            _cancel_signup(signup, notify=notify)
    waiting_list.promote_registrations(event=event, notify=notify)
    if notify and change_emails.by_someone_else(actor, registration):
        change_emails.queue_cancellation(registration)
    return registration


@transaction.atomic
def confirm_registration(*, actor, registration: Registration) -> Registration:
    """Confirm a registration that awaits approval or waits for a place (if a place is free)."""
    event, registration = _lock(registration)
    if registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is cancelled."), code="cancelled")
    if registration.status == RegistrationStatus.WAITING and waiting_list.is_event_full(
        event, registration.partner
    ):
        raise ValidationError(
            _("No place is free: raise the number of places or move someone to the waiting list first."),
            code="full",
        )
    with audited(actor=actor, instance=registration, project_id=event.project_id) as before:
        waiting_list.give_place(registration)
    if before["status"] == "waiting":
        emails.queue_promotion(registration)
    else:
        emails.queue_confirmation(registration)
    return registration


@transaction.atomic
def move_to_waiting_list(*, actor, registration: Registration) -> Registration:
    """Put a registration back on the waiting list (its place goes to nobody until freed again)."""
    event, registration = _lock(registration)
    if registration.status not in HOLDS_PLACE:
        raise ValidationError(
            _("Only confirmed registrations can be moved to the waiting list."), code="status"
        )
    with audited(actor=actor, instance=registration, project_id=event.project_id):
        registration.status = RegistrationStatus.WAITING
        registration.save(update_fields=["status", "updated_at"])
        for signup in registration.signups.filter(status=SignupStatus.CONFIRMED).select_related("session"):
            signup.status = SignupStatus.WAITING
            signup.save(update_fields=["status"])
            waiting_list.promote_signups(session=signup.session)
    if change_emails.by_someone_else(actor, registration):
        change_emails.queue_moved_to_waiting_list(registration)
    return registration
