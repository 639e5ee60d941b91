"""E-mails to participants, written in the language they chose when they registered."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from secon.events.calendars import build_calendar, qr_png
from secon.events.enums import SignupStatus
from secon.events.links import check_in_path, make_token
from secon.events.models import Message, Registration, Signup
from secon.events.selectors import personal_agenda


def site_url() -> str:
    """Return the scheme and host that links in e-mails and PDFs point to."""
    configured = getattr(settings, "SITE_URL", None)
    if configured:
        return configured.rstrip("/")
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*", "["))), "localhost")
    return f"http://{host}:8000" if host in ("127.0.0.1", "localhost") else f"https://{host}"


def send_on_commit(send: Callable[[int], None], pk: int) -> None:
    """Send the e-mail once the current transaction has committed (never for rolled-back data)."""
    transaction.on_commit(lambda: send(pk))


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
    return site_url() + path


def _load(pk: int) -> Registration:
    return Registration.objects.select_related("event__project", "person").get(pk=pk)


def _context(registration: Registration) -> dict:
    event = registration.event
    signups = list(
        registration.signups.exclude(status=SignupStatus.CANCELLED)
        .select_related("session__venue")
        .order_by("session__starts_at")
    )
    return {
        "registration": registration,
        "event": event,
        "person": registration.person,
        "signups": signups,
        "event_title": event.title.render(registration.language, event.project.fallback_languages).text,
        "personal_url": personal_url(registration),
        "event_url": site_url() + _event_path(registration),
        "zone": event.time_zone,
    }


def _event_path(registration: Registration) -> str:
    with translation.override(registration.language):
        return registration.event.get_absolute_url()


def _send(registration: Registration, *, subject: str, template: str, context: dict, attach: bool) -> None:
    body = render_to_string(template, context)
    message = EmailMessage(subject=subject, body=body, to=[registration.person.email])
    if attach:
        event = registration.event
        sessions = personal_agenda(registration=registration)
        ical = build_calendar(
            event=event,
            sessions=sessions,
            name=context["event_title"],
            language=registration.language,
            base_url=site_url(),
            include_event=True,
        )
        message.attach("event.ics", ical, "text/calendar; charset=utf-8")
        message.attach("check-in-code.png", qr_png(site_url() + check_in_path(registration)), "image/png")
    message.send()


def send_confirmation(pk: int) -> None:
    """Tell the person their registration is saved: status, sessions, personal link, QR code, iCal."""
    registration = _load(pk)
    with translation.override(registration.language):
        context = _context(registration)
        subject = _("Your registration: %(event)s") % {"event": context["event_title"]}
        _send(
            registration,
            subject=subject,
            template="events/email/confirmation.txt",
            context=context,
            attach=True,
        )


def send_promotion(pk: int) -> None:
    """Tell the person a place at the event has become free for them."""
    registration = _load(pk)
    with translation.override(registration.language):
        context = _context(registration)
        subject = _("A place is free for you: %(event)s") % {"event": context["event_title"]}
        _send(
            registration, subject=subject, template="events/email/promotion.txt", context=context, attach=True
        )


def send_session_promotion(pk: int) -> None:
    """Tell the person a place in a session they wait for has become free for them."""
    signup = Signup.objects.select_related(
        "registration__event__project", "registration__person", "session"
    ).get(pk=pk)
    registration = signup.registration
    with translation.override(registration.language):
        context = _context(registration)
        context["session"] = signup.session
        context["session_title"] = signup.session.title.render(
            registration.language, registration.event.project.fallback_languages
        ).text
        subject = _("You have a place in “%(session)s”") % {"session": context["session_title"]}
        _send(
            registration,
            subject=subject,
            template="events/email/session_promotion.txt",
            context=context,
            attach=True,
        )


def send_message(pk: int) -> None:
    """Send an organisers' message to each recipient, with their personal link in their language."""
    message = Message.objects.select_related("event__project").get(pk=pk)
    for registration in message.recipients.select_related("event__project", "person"):
        with translation.override(registration.language):
            context = {
                "message": message,
                "person": registration.person,
                "personal_url": personal_url(registration),
                "event_title": message.event.title.render(
                    registration.language, message.event.project.fallback_languages
                ).text,
            }
            body = render_to_string("events/email/message.txt", context)
        EmailMessage(subject=message.subject, body=body, to=[registration.person.email]).send()
