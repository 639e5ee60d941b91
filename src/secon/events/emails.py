"""E-mails to participants, written in the language they chose when they registered.

The services queue them (:func:`queue_confirmation` …) in their transaction; a worker renders and
sends them (secon.mail): the renderers below run there, in the recipient's language.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from secon.core.links import absolute_url, site_url
from secon.events.calendars import build_calendar, qr_png
from secon.events.enums import SignupStatus
from secon.events.links import check_in_path, make_token
from secon.events.models import Message, Registration, Signup
from secon.events.selectors import personal_agenda
from secon.mail.rendering import Rendered, renderer
from secon.mail.services import queue_email


def queue_for(registration: Registration, kind: str, params: dict) -> None:
    """Have a worker render and send an e-mail of ``kind`` to the registered person, in their language."""
    queue_email(
        project_id=registration.project_id,
        kind=kind,
        recipient=registration.person.email,
        language=registration.language,
        params=params,
    )


def queue_confirmation(registration: Registration) -> None:
    """Have a worker confirm the registration (or its change) once the transaction commits."""
    queue_for(registration, "events.confirmation", {"registration": registration.pk})


def queue_promotion(registration: Registration) -> None:
    """Have a worker tell the person a place at the event is now theirs."""
    queue_for(registration, "events.promotion", {"registration": registration.pk})


def queue_session_promotion(signup: Signup) -> None:
    """Have a worker tell the person a place in a session is now theirs."""
    queue_for(signup.registration, "events.session_promotion", {"signup": signup.pk})


def queue_message(message: Message, recipients: list[Registration]) -> None:
    """Have workers send the organisers' message to each recipient, in their language."""
    for registration in recipients:
        queue_for(registration, "events.message", {"message": message.pk, "registration": registration.pk})


def personal_url(registration: Registration) -> str:
    """Return the absolute personal link of a registration."""
    with translation.override(registration.language):
        path = reverse(
            "events:registration",
            kwargs={
                "project": registration.event.project.slug,
                "event": registration.event.slug,
                "token": make_token(registration),
            },
        )
    return absolute_url(path)


def load_registration(pk: int) -> Registration | None:
    return Registration.objects.select_related("event__project", "person").filter(pk=pk).first()


def registration_context(registration: Registration) -> dict:
    event = registration.event
    signups = list(
        registration.signups.exclude(status=SignupStatus.CANCELLED)
        .select_related("session__venue")
        .order_by("session__starts_at")
    )
    language = translation.get_language()
    return {
        "registration": registration,
        "event": event,
        "person": registration.person,
        "signups": signups,
        "event_title": event.title.render(language, event.project.fallback_languages).text,
        "personal_url": personal_url(registration),
        "event_url": absolute_url(event.get_absolute_url()),
        "zone": event.time_zone,
    }


def render_with_calendar(
    registration: Registration, *, subject: str, template: str, context: dict
) -> Rendered:
    """The e-mail with the person's calendar file (event and sessions) and check-in QR code attached."""
    body = render_to_string(template, context)
    sessions = personal_agenda(registration=registration)
    ical = build_calendar(
        event=registration.event,
        sessions=sessions,
        name=context["event_title"],
        language=translation.get_language(),
        base_url=site_url(),
        include_event=True,
    )
    return Rendered(
        subject=subject,
        body=body,
        attachments=[
            ("event.ics", ical, "text/calendar; charset=utf-8"),
            ("check-in-code.png", qr_png(absolute_url(check_in_path(registration))), "image/png"),
        ],
    )


@renderer("events.confirmation", own_action=True)
def render_confirmation(*, registration: int) -> Rendered | None:
    """The registration is saved: status, sessions, personal link, QR code, iCal."""
    found = load_registration(registration)
    if found is None:
        return None
    context = registration_context(found)
    subject = _("Your registration: %(event)s") % {"event": context["event_title"]}
    return render_with_calendar(
        found, subject=subject, template="events/email/confirmation.txt", context=context
    )


@renderer("events.promotion")
def render_promotion(*, registration: int) -> Rendered | None:
    """A place at the event has become free for the person."""
    found = load_registration(registration)
    if found is None:
        return None
    context = registration_context(found)
    subject = _("A place is free for you: %(event)s") % {"event": context["event_title"]}
    return render_with_calendar(
        found, subject=subject, template="events/email/promotion.txt", context=context
    )


@renderer("events.session_promotion")
def render_session_promotion(*, signup: int) -> Rendered | None:
    """A place in a session the person waits for has become free for them."""
    found = (
        Signup.objects.select_related("registration__event__project", "registration__person", "session")
        .filter(pk=signup)
        .first()
    )
    if found is None:
        return None
    registration = found.registration
    context = registration_context(registration)
    context["session"] = found.session
    context["session_title"] = found.session.title.render(
        translation.get_language(), registration.event.project.fallback_languages
    ).text
    subject = _("You have a place in “%(session)s”") % {"session": context["session_title"]}
    return render_with_calendar(
        registration, subject=subject, template="events/email/session_promotion.txt", context=context
    )


@renderer("events.message")
def render_message(*, message: int, registration: int) -> Rendered | None:
    """The organisers' message, with the recipient's personal link."""
    found = Message.objects.select_related("event__project").filter(pk=message).first()
    recipient = load_registration(registration)
    if found is None or recipient is None:
        return None
    context = {
        "message": found,
        "person": recipient.person,
        "personal_url": personal_url(recipient),
        "event_title": found.event.title.render(
            translation.get_language(), found.event.project.fallback_languages
        ).text,
    }
    return Rendered(subject=found.subject, body=render_to_string("events/email/message.txt", context))


def queue_hold(held, *, language: str) -> None:
    """Have a worker ask the address to confirm a registration made with it (``services/holds.py``)."""
    queue_email(
        project_id=held.project_id,
        kind="events.hold",
        recipient=held.email,
        language=language,
        params={"held": held.pk},
    )


@renderer("events.hold", own_action=True)
def render_hold(*, held: int) -> Rendered | None:
    """Someone registered with this address: confirm it from the page the link opens (or ignore it)."""
    from secon.events.holds import HOLD_DAYS, HeldRegistration

    found = HeldRegistration.objects.select_related("event__project").filter(pk=held).first()
    if found is None:
        return None  # confirmed or expired meanwhile
    event = found.event
    title = event.title.render(translation.get_language(), event.project.fallback_languages).text
    path = reverse(
        "events:confirm_hold", kwargs={"project": event.project.slug, "event": event.slug, "key": found.key}
    )
    context = {
        "event_title": title,
        "event": event,
        "confirm_url": absolute_url(path),
        "days": HOLD_DAYS,
        "start": formats.date_format(event.start_date, "DATE_FORMAT"),
        "end": formats.date_format(event.end_date, "DATE_FORMAT"),
    }
    return Rendered(
        subject=_("Please confirm your registration: %(event)s") % {"event": title},
        body=render_to_string("events/email/hold.txt", context),
    )
