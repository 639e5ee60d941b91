"""Who may register now, and the locked write that gives a registration its place.

Shared by the two ways a registration is made: :mod:`registrations` (an organiser, or a proven
address) and :mod:`holds` (a public form's registration once its address confirms it). Everything
but :func:`take_place` runs before the event row is locked; :func:`take_place` is the only part
that runs under the lock, so that people registering at once wait for each other only while it
writes (see :mod:`registrations` on capacity).
"""

import datetime
import itertools

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.events import emails, selectors
from secon.events.enums import ACTIVE, EventStatus, RegistrationStatus, Visibility
from secon.events.models import Event, Registration, Session
from secon.events.services import waiting_list
from secon.organisations.enums import ConsentKind
from secon.organisations.models import Partner, Person
from secon.organisations.notices import PrivacyNoticeVersion
from secon.organisations.services import create_person, record_consents, save_new_person
from secon.projects import prepared
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


def check_session_choice(event: Event, sessions: list[Session]) -> None:
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


def find_partner(event: Event, partner: Partner | None) -> Partner | None:
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


def check_open(event: Event, *, by_organiser: bool, now: datetime.datetime) -> None:
    if not by_organiser:
        check_public_registration(event=event, now=now)


def find_or_create_person(
    *,
    actor,
    first_name: str,
    last_name: str,
    email: str,
    language: str,
    found: Person | None,
    new: Person | None = None,
) -> tuple[Person, bool]:
    """Return the person with this e-mail address and whether they were recorded now (people are shared).

    ``found``: the person the caller found with this address (looked up already), None if nobody;
    ``new``: when nobody, the person to record, made and checked by the caller already
    (``organisations.services.new_person``, before its transaction).
    """
    email = email.strip().lower()
    if found is not None:
        return found, False
    try:
        # The service's own savepoint: an address recorded at the same moment (for another event)
        # rolls back only this attempt, not the caller's transaction.
        if new is not None:
            person = save_new_person(actor=actor, person=new)
        else:
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


def register_person(
    *,
    actor,
    event: Event,
    found: Person | None,
    new: Person | None = None,
    first_name: str,
    last_name: str,
    email: str,
    language: str,
    consents: dict[str, bool],
    consent_source: str,
    notice: PrivacyNoticeVersion | None,
    with_consents: bool,
    partner: Partner | None,
    sessions: list[Session],
    organisation_name: str,
    dietary_needs: str,
    accessibility_needs: str,
    by_organiser: bool,
    notify: bool,
    now: datetime.datetime,
) -> Registration:
    """Record the person if the address is new and the consents they gave, then take a place.

    The writes of a registration, in the caller's transaction, after its checks. ``found``: the person
    with this address, looked up by the caller (None: nobody had it), and ``new`` the person to record
    then, if the caller made one (see :func:`find_or_create_person`); ``with_consents``: False when an
    organiser registers someone the site already knows (consents are the person's own).
    """
    person, created = find_or_create_person(
        actor=actor,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language=language,
        found=found,
        new=new,
    )
    if with_consents:
        record_consents(
            actor=actor,
            person=person,
            granted={kind: bool(consents.get(kind)) for kind in REGISTRATION_CONSENTS},
            source=consent_source,
            at=now,
            notice=notice,
            on_pages=not created,
        )
    return take_place(
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


def take_place(
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
    # Made and checked before the lock (on PostgreSQL the others registering wait for the event's
    # row only), its status given under it. The check-in code is random (10 of 32 characters): the
    # database's unique index keeps it unique, without a query to look for a collision.
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
        status=RegistrationStatus.CONFIRMED,
    )
    registration.full_clean(exclude=["project", "event", "person", "check_in_code", "status"])
    check_same_project(registration, event=event, partner=partner)
    project = event.project
    pk = event.pk
    # Compiled once per thread (secon.projects.prepared): the lock's queue waits for this request's
    # Python as much as for its statements.
    # Unordered (as .get() reads it): the model's ordering joins the project, whose row PostgreSQL's
    # FOR UPDATE would then lock too (every event of the project, every row referring to it, waiting).
    found = prepared.rows(
        ("events.locked_event", pk), lambda: Event.objects.select_for_update().filter(pk=pk).order_by()
    )
    if not found:
        raise Event.DoesNotExist
    event = found[0]
    event.project = project  # the same row, read in this request a moment ago
    check_open(event, by_organiser=by_organiser, now=now)
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
    registration.event = event
    registration.status = status
    registration.save()
    for session in sorted(sessions, key=lambda s: s.pk):
        waiting_list.sign_up(registration, session)
    record_change(
        actor=actor, instance=registration, action=AuditEntry.Action.CREATE, project_id=event.project_id
    )
    if notify:
        emails.queue_confirmation(registration)
    return registration
