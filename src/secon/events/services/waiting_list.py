"""Places and waiting lists: who gets a place in an event or a session, and who waits, in arrival order.

The callers (the registration and agenda services) hold the event's row lock; see
:mod:`secon.events.services.registrations`.
"""

from secon.events import emails
from secon.events.enums import HOLDS_PLACE, RegistrationStatus, SignupStatus
from secon.events.models import Event, Registration, Session, Signup
from secon.organisations.models import Partner


def is_event_full(event: Event, partner: Partner | None) -> bool:
    """Say whether the event (or the partner's delegate quota) has no place left."""
    if event.capacity is None and (partner is None or event.delegate_quota is None):
        return False  # nothing to count
    taken = Registration.objects.filter(event=event, status__in=HOLDS_PLACE)
    if event.capacity is not None and taken.count() >= event.capacity:
        return True
    return bool(
        partner is not None
        and event.delegate_quota is not None
        and taken.filter(partner=partner).count() >= event.delegate_quota
    )


def sign_up(registration: Registration, session: Session) -> Signup:
    """Give the registration a place in the session if there is one, else a place in the queue."""
    taken = Signup.objects.filter(session=session, status=SignupStatus.CONFIRMED).count()
    can_have_place = registration.status in HOLDS_PLACE and taken < session.capacity
    signup = Signup.objects.create(
        registration=registration,
        session=session,
        status=SignupStatus.CONFIRMED if can_have_place else SignupStatus.WAITING,
    )
    return signup


def give_place(registration: Registration, *, notify: bool = True) -> None:
    """Confirm a registration and give its waiting sign-ups the session places that are free."""
    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    for signup in registration.signups.filter(status=SignupStatus.WAITING).select_related("session"):
        promote_signups(session=signup.session, notify=notify)


def promote_registrations(*, event: Event, notify: bool = True) -> None:
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
        if is_event_full(event, registration.partner):
            continue
        give_place(registration, notify=notify)
        if notify:
            emails.queue_promotion(registration)


def promote_signups(*, session: Session, notify: bool = True) -> None:
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
            emails.queue_session_promotion(signup)
