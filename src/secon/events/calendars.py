"""Calendar files (RFC 5545, with VTIMEZONE) and QR codes for events, sessions and personal agendas."""

import datetime
import io
from collections.abc import Iterable

import icalendar
import segno

from django.conf import settings
from django.utils import timezone

from secon.core import cache
from secon.events.models import Event, Session
from secon.events.rows import digest
from secon.events.schedule import kind_labels, session_path_prefix

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
    sessions_url, categories = base_url + session_path_prefix(event), kind_labels()
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
    entries = [
        _entry_values(session, zone, language, fallbacks, sessions_url, categories) for session in sessions
    ]
    if entries:
        # The first entry is built in the calendar, which thereby learns the time zone it must describe.
        calendar.add_component(_entry(entries[0], stamp))
    calendar.add_missing_timezones(
        first_date=event.start_date - datetime.timedelta(days=366),
        last_date=event.end_date + datetime.timedelta(days=366),
    )
    content = calendar.to_ical()
    if len(entries) < 2:
        return content
    if not content.endswith(_END):  # (icalendar's output changed: build every entry in the calendar)
        raise ValueError("unexpected end of an iCalendar file")
    return content[: -len(_END)] + b"".join(_cached_entries(entries[1:], stamp)) + _END


_END = b"END:VCALENDAR\r\n"
#: The stamp a cached entry is built with; replaced by the calendar's own on the way out.
_STAMP = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_STAMP_LINE = b"\r\nDTSTAMP:20000101T000000Z\r\n"


def _entry_values(session: Session, zone, language, fallbacks, sessions_url, categories) -> tuple:
    """Return everything a session's entry shows, in the order :func:`_entry` adds it."""
    description = _text(session.description, language, fallbacks)
    meeting_point = _text(session.meeting_point, language, fallbacks)
    if meeting_point:
        description = f"{description}\n\n{meeting_point}".strip()
    venue = session.venue
    location = ", ".join(
        part
        for part in (
            session.room,
            venue.name if venue else "",
            venue.address if venue else "",
            venue.city if venue else "",
        )
        if part
    )
    geo = None
    if venue and venue.latitude is not None and venue.longitude is not None:
        geo = (float(venue.latitude), float(venue.longitude))
    return (
        f"session-{session.pk}@secon-hub",
        session.starts_at.astimezone(zone),
        session.ends_at.astimezone(zone),
        _text(session.title, language, fallbacks),
        description,
        location,
        geo,
        f"{sessions_url}{session.pk}/",
        categories.get(session.kind, session.kind),
    )


def _entry(values: tuple, stamp: datetime.datetime) -> icalendar.Event:
    uid, starts, ends, summary, description, location, geo, url, category = values
    entry = icalendar.Event()
    entry.add("uid", uid)
    entry.add("dtstamp", stamp)
    entry.add("dtstart", starts)
    entry.add("dtend", ends)
    entry.add("summary", summary)
    if description:
        entry.add("description", description)
    if location:
        entry.add("location", location)
    if geo:
        entry.add("geo", geo)
    entry.add("url", url)
    entry.add("categories", [category])
    return entry


def _cached_entries(entries: list[tuple], stamp: datetime.datetime) -> list[bytes]:
    """Return the entries as iCalendar text, each cached by a digest of what it shows (like the
    agenda's rows, :mod:`secon.events.rows`: never stale, so never invalidated)."""
    keys = [f"ical-entry:{digest(repr(values))}" for values in entries]
    fragments = cache.fragments()
    found = {} if settings.DEBUG else fragments.get_many(keys)
    missing = {}
    stamp_line = (
        b"\r\nDTSTAMP:" + stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ").encode() + b"\r\n"
    )
    blocks = []
    for key, values in zip(keys, entries, strict=True):
        block = found.get(key)
        if block is None:
            block = missing[key] = _entry(values, _STAMP).to_ical()
        blocks.append(block.replace(_STAMP_LINE, stamp_line, 1))
    if missing and not settings.DEBUG:
        fragments.set_many(missing)
    return blocks


def qr_png(data: str, *, scale: int = 6) -> bytes:
    """Return a PNG QR code of the text."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg_data_uri(data: str, *, scale: int = 4) -> str:
    """Return a QR code as an SVG data URI (for PDFs)."""
    return segno.make(data, error="m").svg_data_uri(scale=scale, border=2)
