"""E-mails about changes a participant did not make themselves: an organiser cancelled their registration
or moved it to the waiting list; the event was cancelled, postponed, moved to other dates or places; a
session they signed up for moved or was removed from the programme.

The services queue them in their transaction (one e-mail per person, in the language they chose); a
worker renders them (``secon.mail``) with the data as it is then.
"""

import datetime

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.i18n import Translations
from secon.events.emails import (
    load_registration,
    personal_url,
    queue_for,
    registration_context,
    render_with_calendar,
)
from secon.events.enums import ACTIVE, SignupStatus
from secon.events.links import registrations_with_links
from secon.events.models import Event, Registration, Session, Signup
from secon.mail.rendering import Rendered, renderer
from secon.mail.services import queue_email
from secon.organisations.models import Person

#: What changed about an event, as the e-mail names it.
EVENT_CHANGES = {
    "dates": gettext_lazy("the dates"),
    "time_zone": gettext_lazy("the time zone of the programme"),
    "place": gettext_lazy("the place"),
}
#: What changed about a session, as the e-mail names it.
SESSION_CHANGES = {
    "time": gettext_lazy("the time"),
    "place": gettext_lazy("the place or meeting point"),
}


def by_someone_else(actor, registration: Registration) -> bool:
    """The change comes from someone other than the participant (an organiser, the system)."""
    if actor is None:
        return False
    email = (getattr(actor, "email", "") or "").strip().lower()
    return email != registration.person.email.strip().lower()


def queue_cancellation(registration: Registration) -> None:
    """Tell the person that the organisers cancelled their registration."""
    queue_for(registration, "events.cancelled_by_organiser", {"registration": registration.pk})


def queue_moved_to_waiting_list(registration: Registration) -> None:
    """Tell the person that the organisers moved their registration to the waiting list."""
    queue_for(registration, "events.moved_to_waiting_list", {"registration": registration.pk})


def _active_registrations(event: Event):
    return Registration.objects.filter(event=event, status__in=ACTIVE).select_related("person")


def queue_event_change(event: Event, *, change: str, details: list[str] = ()) -> int:
    """Tell everyone registered that the event is ``cancelled``, ``postponed`` or ``changed``
    (``details``: keys of EVENT_CHANGES). Returns how many e-mails were queued."""
    count = 0
    for registration in _active_registrations(event):
        queue_for(
            registration,
            "events.event_changed",
            {"registration": registration.pk, "change": change, "details": list(details)},
        )
        count += 1
    return count


def _signed_up(session: Session):
    return (
        Signup.objects.filter(session=session, registration__status__in=ACTIVE)
        .exclude(status=SignupStatus.CANCELLED)
        .select_related("registration__person")
    )


def queue_session_change(session: Session, *, details: list[str]) -> None:
    """Tell the people signed up for the session that its time or place changed."""
    for signup in _signed_up(session):
        queue_for(
            signup.registration,
            "events.session_changed",
            {"registration": signup.registration_id, "session": session.pk, "details": list(details)},
        )


def queue_session_removal(session: Session) -> None:
    """Tell the people signed up for the session that it is removed (called before it is deleted)."""
    for signup in _signed_up(session):
        queue_for(
            signup.registration,
            "events.session_removed",
            {
                "registration": signup.registration_id,
                "title": dict(session.title),
                "starts_at": session.starts_at.isoformat(),
            },
        )


# --- rendered by the worker, in the recipient's language ---------------------------------------------


def _plain(*, subject: str, template: str, context: dict) -> Rendered:
    return Rendered(subject=subject, body=render_to_string(template, context))


@renderer("events.cancelled_by_organiser")
def render_cancelled_by_organiser(*, registration: int) -> Rendered | None:
    found = load_registration(registration)
    if found is None:
        return None
    context = registration_context(found)
    subject = _("Your registration is cancelled: %(event)s") % {"event": context["event_title"]}
    return _plain(subject=subject, template="events/email/cancelled_by_organiser.txt", context=context)


@renderer("events.moved_to_waiting_list")
def render_moved_to_waiting_list(*, registration: int) -> Rendered | None:
    found = load_registration(registration)
    if found is None:
        return None
    context = registration_context(found)
    subject = _("You are on the waiting list: %(event)s") % {"event": context["event_title"]}
    return _plain(subject=subject, template="events/email/moved_to_waiting_list.txt", context=context)


def _event_facts(event: Event) -> dict:
    venues = [venue.name for venue in event.venues.all()]
    return {
        "dates": f"{formats.date_format(event.start_date, 'DATE_FORMAT')} – "
        f"{formats.date_format(event.end_date, 'DATE_FORMAT')}",
        "place": ", ".join(part for part in [*venues, event.city] if part),
    }


@renderer("events.event_changed")
def render_event_changed(*, registration: int, change: str, details: list[str]) -> Rendered | None:
    found = load_registration(registration)
    if found is None:
        return None
    context = registration_context(found)
    context.update(_event_facts(found.event))
    context["change"] = change
    context["details"] = [str(EVENT_CHANGES[key]) for key in details if key in EVENT_CHANGES]
    template = "events/email/event_changed.txt"
    if change == "cancelled":
        subject = _("Cancelled: %(event)s") % {"event": context["event_title"]}
        return _plain(subject=subject, template=template, context=context)
    if change == "postponed":
        subject = _("Postponed: %(event)s") % {"event": context["event_title"]}
        return _plain(subject=subject, template=template, context=context)
    subject = _("Changed: %(event)s") % {"event": context["event_title"]}
    return render_with_calendar(found, subject=subject, template=template, context=context)


def _session_title(title, event: Event) -> str:
    return Translations(title or {}).render(translation.get_language(), event.project.fallback_languages).text


@renderer("events.session_changed")
def render_session_changed(*, registration: int, session: int, details: list[str]) -> Rendered | None:
    found = load_registration(registration)
    if found is None:
        return None
    changed = Session.objects.select_related("venue").filter(pk=session, event_id=found.event_id).first()
    if changed is None:
        return None
    context = registration_context(found)
    context["session"] = changed
    context["session_title"] = _session_title(changed.title, found.event)
    context["details"] = [str(SESSION_CHANGES[key]) for key in details if key in SESSION_CHANGES]
    subject = _("Changed: “%(session)s”") % {"session": context["session_title"]}
    return render_with_calendar(
        found, subject=subject, template="events/email/session_changed.txt", context=context
    )


@renderer("events.session_removed")
def render_session_removed(*, registration: int, title: dict, starts_at: str) -> Rendered | None:
    found = load_registration(registration)
    if found is None:
        return None
    context = registration_context(found)
    context["session_title"] = _session_title(title, found.event)
    context["starts_at"] = datetime.datetime.fromisoformat(starts_at)
    subject = _("Removed from the programme: “%(session)s”") % {"session": context["session_title"]}
    return _plain(subject=subject, template="events/email/session_removed.txt", context=context)


def queue_personal_links(*, registration: Registration) -> None:
    """Send the person the personal links of all their registrations in this registration's project."""
    person = registration.person
    queue_email(
        project_id=registration.project_id,
        kind="events.personal_links",
        recipient=person.email,
        language=person.preferred_language or registration.language,
        params={"person": person.pk, "project": registration.project_id},
    )


@renderer("events.personal_links", own_action=True)
def render_personal_links(*, person: int, project: int) -> Rendered | None:
    """The links someone asked for again (the newest registrations state, at sending time)."""
    found = Person.objects.filter(pk=person).first()
    if found is None:
        return None
    language = translation.get_language()
    registrations = list(registrations_with_links(email=found.email).filter(project_id=project))
    if not registrations:
        return None
    fallbacks = registrations[0].event.project.fallback_languages
    rows = [
        {
            "title": registration.event.title.render(language, fallbacks).text,
            "registration": registration,
            "url": personal_url(registration),
        }
        for registration in registrations
    ]
    context = {"person": found, "rows": rows}
    subject = _("Your personal links")
    return _plain(subject=subject, template="events/email/personal_links.txt", context=context)
