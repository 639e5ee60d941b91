"""Calendar files (RFC 5545, with VTIMEZONE) and QR codes for events, sessions and personal agendas."""

import datetime
import io
from collections.abc import Iterable

import icalendar
import segno

from django.utils import timezone

from secon.events.models import Event, Session

PRODID = "-//SECON Hub//Events//EN"


def _text(value, language: str | None, fallbacks) -> str:
    return value.render(language, fallbacks).text


def build_calendar(
    *,
    event: Event,
    sessions: Iterable[Session],
    name: str,
    language: str,
    base_url: str,
    include_event: bool = False,
) -> bytes:
    """Return an iCalendar file with the sessions (and the event as an all-day entry) in the event's zone."""
    fallbacks = event.project.fallback_languages
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", event.time_zone)
    stamp = timezone.now()
    zone = event.zone
    if include_event:
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@secon-hub")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start_date)
        entry.add("dtend", event.end_date + datetime.timedelta(days=1))
        entry.add("summary", _text(event.title, language, fallbacks))
        entry.add("description", _text(event.description, language, fallbacks))
        entry.add("url", base_url + event.get_absolute_url())
        if event.city:
            entry.add("location", event.city)
        entry.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
        calendar.add_component(entry)
    for session in sessions:
        entry = icalendar.Event()
        entry.add("uid", f"session-{session.pk}@secon-hub")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", session.starts_at.astimezone(zone))
        entry.add("dtend", session.ends_at.astimezone(zone))
        entry.add("summary", _text(session.title, language, fallbacks))
        description = _text(session.description, language, fallbacks)
        meeting_point = _text(session.meeting_point, language, fallbacks)
        if meeting_point:
            description = f"{description}\n\n{meeting_point}".strip()
        if description:
            entry.add("description", description)
        location = ", ".join(
            part
            for part in (
                session.room,
                session.venue.name if session.venue else "",
                session.venue.address if session.venue else "",
                session.venue.city if session.venue else "",
            )
            if part
        )
        if location:
            entry.add("location", location)
        if session.venue and session.venue.latitude is not None and session.venue.longitude is not None:
            entry.add("geo", (float(session.venue.latitude), float(session.venue.longitude)))
        entry.add("url", base_url + session.get_absolute_url())
        entry.add("categories", [session.get_kind_display()])
        calendar.add_component(entry)
    calendar.add_missing_timezones(
        first_date=event.start_date - datetime.timedelta(days=366),
        last_date=event.end_date + datetime.timedelta(days=366),
    )
    return calendar.to_ical()


def qr_png(data: str, *, scale: int = 6) -> bytes:
    """Return a PNG QR code of the text."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg_data_uri(data: str, *, scale: int = 4) -> str:
    """Return a QR code as an SVG data URI (for PDFs)."""
    return segno.make(data, error="m").svg_data_uri(scale=scale, border=2)
