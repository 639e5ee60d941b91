"""Registrations of the public form: held until their address confirms them.

See ``events/holds.py`` for why. The form's data are kept on the hold; nothing is recorded about
anyone (no person, no consents, no place taken) until the owner of the address presses the button of
the e-mailed page, which makes the registration (the consents then recorded as given by them,
confirmed by e-mail). Every address gets the same treatment, known to the site or not, so whoever
fills in the form learns nothing: the answer names no one and the request does the same work; at
most one e-mail per address and event leaves every :data:`RESEND_INTERVAL`.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core import audit
from secon.events import emails
from secon.events.enums import ACTIVE
from secon.events.holds import HOLD_DAYS, HeldRegistration
from secon.events.models import Event, Registration, Session
from secon.events.services import places
from secon.organisations.enums import ConsentKind
from secon.organisations.models import Partner, Person
from secon.organisations.notices import PrivacyNoticeVersion
from secon.organisations.selectors import current_notice
from secon.organisations.services import new_person
from secon.projects import prepared

RESEND_INTERVAL = datetime.timedelta(minutes=10)


class HoldExpired(Exception):
    """The hold's link is older than HOLD_DAYS, or was used already."""


class AlreadyRegistered(Exception):
    """The address confirmed a hold but is registered for the event already: here is that registration."""

    def __init__(self, registration: Registration):
        super().__init__(registration.pk)
        self.registration = registration


def hold_registration(
    *,
    event: Event,
    email: str,
    language: str,
    first_name: str,
    last_name: str,
    organisation_name: str,
    partner: Partner | None,
    dietary_needs: str,
    accessibility_needs: str,
    consents: dict[str, bool],
    sessions: Iterable[Session],
    notice: PrivacyNoticeVersion | None,
    now: datetime.datetime,
) -> HeldRegistration:
    """Keep the form's data and e-mail the address a link to confirm (no permission: anyone may ask)."""
    email = email.strip().lower()
    # The owner of the address reads it in the language they chose before, not the form's.
    owner_language = (
        Person.objects.filter(email__iexact=email).values_list("preferred_language", flat=True).first()
    )
    # Only the hold and its e-mail are written in the transaction (on SQLite it holds the database's
    # write lock); the recent hold is looked for in it, so that a form sent twice at once e-mails once.
    with transaction.atomic():
        recent = HeldRegistration.objects.filter(
            event=event, email=email, created_at__gte=now - RESEND_INTERVAL
        ).first()
        if recent is not None:
            return recent  # asked a moment ago: no second e-mail, the first link still works
        held = HeldRegistration.objects.create(
            project_id=event.project_id,
            event=event,
            email=email,
            language=language,
            created_at=now,
            data={
                "first_name": first_name.strip(),
                "last_name": last_name.strip(),
                "organisation_name": organisation_name.strip(),
                "partner": partner.pk if partner else None,
                "dietary_needs": dietary_needs.strip(),
                "accessibility_needs": accessibility_needs.strip(),
                "consents": {kind: bool(value) for kind, value in consents.items()},
                "sessions": sorted(session.pk for session in sessions),
                # The version of the privacy notice the form showed: the consents are recorded with it.
                "notice": notice.number if notice else None,
            },
        )
        emails.queue_hold(held, language=owner_language or language)
    return held


def find_hold(
    *, key: str, event: Event | None = None, now: datetime.datetime | None = None
) -> HeldRegistration:
    """Return the hold of a link, or raise HoldExpired (used, expired or never made: one answer).

    ``event``: the event the link names, read already with its project: only its hold counts, and
    comes with it (not read again).
    """
    now = now or timezone.now()
    if event is None:
        held = HeldRegistration.objects.select_related("event__project").filter(key=key).first()
    else:  # compiled once (secon.projects.prepared): read by the page and its button
        found = prepared.rows(
            ("events.hold",),
            lambda key, event_id: HeldRegistration.objects.filter(key=key, event_id=event_id)[:1],
            values=(key, event.pk),
        )
        held = found[0] if found else None
        if held is not None:
            held.event = event
    if held is None or now >= held.created_at + datetime.timedelta(days=HOLD_DAYS):
        raise HoldExpired
    return held


def held_notice(held: HeldRegistration) -> PrivacyNoticeVersion | None:
    """The privacy notice the form showed (else the project's current one, shown on the confirmation page)."""
    number = held.data.get("notice")
    found = (
        prepared.rows(  # compiled once: read by the page and its button
            ("events.held_notice",),
            lambda project_id, number: PrivacyNoticeVersion.objects.filter(
                project_id=project_id, number=number
            )[:1],
            values=(held.project_id, int(number)),
        )
        if number
        else None
    )
    found = found[0] if found else None
    return found or current_notice(project=held.event.project)


def confirm_held_registration(
    *, key: str, event: Event | None = None, now: datetime.datetime | None = None
) -> Registration:
    """Make the held registration, its address now proven; the hold is used up.

    Raises HoldExpired for an unknown, used or expired link (or one of another ``event`` than the
    one given), AlreadyRegistered (the hold used up) when the address has an active registration for
    the event already, and ValidationError (nothing saved, the hold kept until it expires) when the
    event closed or filled up meanwhile.
    """
    now = now or timezone.now()
    # What the registration is made of is read before the transaction: on SQLite a transaction holds
    # the database's write lock from its start (IMMEDIATE), so that 200 confirming at once wait for
    # each other only while the rows are written, not while this is read (nothing here changes once
    # the hold exists; the transaction checks that the hold is still there).
    held = find_hold(key=key, event=event, now=now)
    data = held.data
    partner = (
        Partner.objects.filter(project_id=held.project_id, pk=data["partner"]).first()
        if data.get("partner")
        else None
    )
    sessions = (
        list(Session.objects.filter(event_id=held.event_id, pk__in=data["sessions"]))
        if data.get("sessions")
        else []
    )
    notice = held_notice(held)
    person = Person.objects.filter(email__iexact=held.email).first()
    new = None
    if person is None:
        # Closed or full (without a waiting list) already: said without taking the lock (checked
        # again under it). Someone the site knows may be registered already, which is said first.
        places.check_public_registration(event=held.event, now=now)
        # The person to record, checked here (their address unique among them): the transaction
        # only inserts them.
        try:
            new = new_person(
                first_name=data["first_name"].strip(),
                last_name=data["last_name"].strip(),
                email=held.email,
                preferred_language=held.language,
            )
        except ValidationError:
            person = Person.objects.filter(email__iexact=held.email).first()  # recorded a moment ago?
            if person is None:
                raise
    registration, made = _confirm(
        held=held, person=person, new=new, partner=partner, sessions=sessions, notice=notice, now=now
    )
    if not made:
        raise AlreadyRegistered(registration)
    return registration


@transaction.atomic
def _confirm(
    *,
    held: HeldRegistration,
    person: Person | None,
    new: Person | None,
    partner: Partner | None,
    sessions: list[Session],
    notice: PrivacyNoticeVersion | None,
    now: datetime.datetime,
) -> tuple[Registration, bool]:
    """The transaction: only the checks that can have changed since the reads, and the writes."""
    # Locked at once (only the hold's row): a second tab confirming at the same moment waits here,
    # then finds it gone.
    locked = prepared.rows(
        ("events.hold_locked",),
        lambda pk: (
            HeldRegistration.objects.select_for_update(of=("self",)).filter(pk=pk).values_list("pk")[:1]
        ),
        values=(held.pk,),
    )
    if not locked:
        raise HoldExpired
    data = held.data
    event = held.event
    # An address nobody had a moment ago has no registration (if it was recorded meanwhile, the
    # registration's own check under the event's lock says so).
    existing = (
        Registration.objects.filter(event=event, person=person, status__in=ACTIVE)
        .select_related("event__project", "person")
        .first()
        if person is not None
        else None
    )
    # The address's holds are used up either way (undone with the rest if the registration fails).
    # Deleted before the registration locks the event's row, for which, on PostgreSQL, the others
    # confirming at this moment wait.
    HeldRegistration.objects.filter(event=event, email=held.email).delete()
    if existing is not None:
        return existing, False
    # The person's, consents' and registration's audit entries in one insert (two statements fewer
    # while the others confirming at this moment wait for the lock).
    with audit.batched():
        registration = register_confirmed_address(
            event=event,
            person=person,
            new=new,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=held.email,
            language=held.language,
            organisation_name=data.get("organisation_name", ""),
            partner=partner,
            dietary_needs=data.get("dietary_needs", ""),
            accessibility_needs=data.get("accessibility_needs", ""),
            consents=data.get("consents", {}),
            sessions=sessions,
            notice=notice,
            consent_source=f"registration for {event.project.slug}/{event.slug}, address confirmed by e-mail",
            now=now,
        )
    return registration, True


@transaction.atomic(savepoint=False)
def register_confirmed_address(
    *,
    event: Event,
    person: Person | None,
    new: Person | None = None,
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
    """Register the person whose address confirmed their held registration (:func:`_confirm`).

    What ``registrations.register_participant`` does for a proven address, in the caller's transaction (no
    savepoint), without its reads: the caller read them before its transaction, which on SQLite holds
    the database's write lock from its first statement, so that people confirming at once wait for
    each other only while this writes. ``event`` with its project; ``partner`` (of the event's
    project) and ``sessions`` (of the event); ``person``: the one with this address, None when the
    site had none, and ``new`` the person to record then, checked by the caller before its
    transaction (``organisations.services.new_person``; None: checked and recorded here);
    ``notice``: the version the person was shown (None: the project has none). What can have
    changed since is checked again here: the event's state under its lock, the session choice,
    someone recorded with the address meanwhile.
    """
    if not consents.get(ConsentKind.TERMS):
        raise ValidationError({"terms": _("Please accept the terms of participation to register.")})
    places.check_session_choice(event, sessions)
    return places.register_person(
        actor=None,
        event=event,
        found=person,
        new=new,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language=language,
        consents=consents,
        consent_source=consent_source,
        notice=notice,
        with_consents=True,
        partner=partner,
        sessions=sessions,
        organisation_name=organisation_name,
        dietary_needs=dietary_needs,
        accessibility_needs=accessibility_needs,
        by_organiser=False,
        notify=True,
        now=now,
    )
