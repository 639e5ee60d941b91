"""Register participants, change and cancel registrations, confirm them or move them to the waiting list.

Capacity: every change to the places of an event (registration, sign-up, cancellation, promotion)
first locks the event row (``select_for_update`` on PostgreSQL; on SQLite the IMMEDIATE
transaction holds the database write lock), then counts and writes. Changes to one event are thus
serialised, so the limits hold under concurrent requests, and waiting lists keep arrival order
(the primary key is assigned in lock order).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited
from secon.core.permissions import require
from secon.events import change_emails, emails
from secon.events.enums import HOLDS_PLACE, RegistrationStatus, SignupStatus
from secon.events.holds import HeldRegistration
from secon.events.models import Event, Registration, Session, Signup
from secon.events.services import holds, places, waiting_list
from secon.organisations.enums import ConsentKind
from secon.organisations.models import Partner, Person
from secon.organisations.notices import PrivacyNoticeVersion
from secon.organisations.selectors import current_notice


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
        places.check_open(event, by_organiser=False, now=now)
        sessions = list(sessions)
        places.check_session_choice(event, sessions)
        return holds.hold_registration(
            event=event,
            email=email,
            language=language,
            first_name=first_name,
            last_name=last_name,
            organisation_name=organisation_name,
            partner=places.find_partner(event, partner),
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
    places.check_open(event, by_organiser=by_organiser, now=now)
    partner = places.find_partner(event, partner)
    sessions = list(sessions)
    places.check_session_choice(event, sessions)
    # Consents are the person's own: recorded when they gave them (a new address, or their confirmed
    # one), never when an organiser registers someone the site already knows.
    return places.register_person(
        actor=actor,
        event=event,
        found=found,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language=language,
        consents=consents,
        consent_source=consent_source or f"registration for {event.project.slug}/{event.slug}",
        notice=notice or current_notice(project=event.project),
        with_consents=not (known and by_organiser),
        partner=partner,
        sessions=sessions,
        organisation_name=organisation_name,
        dietary_needs=dietary_needs,
        accessibility_needs=accessibility_needs,
        by_organiser=by_organiser,
        notify=notify,
        now=now,
    )


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
            places.check_session_choice(event, sessions)
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
