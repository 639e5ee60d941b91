"""schema.org ``Event`` data (JSON-LD) for event and session pages."""

from django.utils import translation

from secon.core.links import absolute_url, site_url
from secon.events.enums import EventKind, EventStatus
from secon.events.models import Event, Session
from secon.events.rows import Row
from secon.events.selectors import places_left, session_places_left

STATUS = {
    EventStatus.PUBLISHED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def _place(session: Session | None, event: Event) -> dict:
    venue = session.venue if session else None
    if venue is None:
        return {
            "@type": "Place",
            "name": event.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": event.city,
                "addressCountry": event.country,
            },
        }
    place = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "addressLocality": venue.city,
            "addressCountry": event.country,
        },
    }
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def event_json_ld(*, event: Event, sessions: list[Session], rows: list[Row]) -> dict:
    """Describe the event (and its public sessions as sub-events) for search engines.

    The sub-events are brief (name, times, address, venue and room, places): each session's own
    page describes it in full (language, performers, description). ``rows`` are the agenda's rows
    of ``sessions``.
    """
    language = translation.get_language()
    fallbacks = event.project.fallback_languages
    zone = event.zone
    starts = sessions[0].starts_at.astimezone(zone).isoformat() if sessions else event.start_date.isoformat()
    ends = (
        max(s.ends_at for s in sessions).astimezone(zone).isoformat()
        if sessions
        else event.end_date.isoformat()
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title.render(language, fallbacks).text,
        "description": event.description.render(language, fallbacks).text,
        "startDate": starts,
        "endDate": ends,
        "eventStatus": STATUS.get(event.status, STATUS[EventStatus.PUBLISHED]),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if event.kind == EventKind.WEBINAR
        else "https://schema.org/OfflineEventAttendanceMode",
        "url": absolute_url(event.get_absolute_url()),
        "location": _place(None, event),
        "inLanguage": list(event.languages),
        "isAccessibleForFree": True,
    }
    host = event.host_organisation or (event.host_partner.organisation if event.host_partner else None)
    if host:
        data["organizer"] = {
            "@type": "Organization",
            "name": host.name,
            **({"url": host.website} if host.website else {}),
        }
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
        data["remainingAttendeeCapacity"] = places_left(event=event)
    base = site_url()
    data["subEvent"] = [_sub_event(row, base) for row in rows]
    return data


def _sub_event(row: Row, base: str) -> dict:
    data = {
        "@type": "Event",
        "name": row.title,
        "startDate": row.starts_iso,
        "endDate": row.ends_iso,
        "url": base + row.url,
    }
    if row.venue or row.room:
        data["location"] = {
            "@type": "Place",
            "name": ", ".join(part for part in (row.venue, row.room) if part),
        }
    if row.capacity is not None:
        data["maximumAttendeeCapacity"] = row.capacity
        data["remainingAttendeeCapacity"] = row.places_left
    return data


def _session_data(event, session, language, fallbacks) -> dict:
    zone = event.zone
    data = {
        "@type": "Event",
        "name": session.title.render(language, fallbacks).text,
        "startDate": session.starts_at.astimezone(zone).isoformat(),
        "endDate": session.ends_at.astimezone(zone).isoformat(),
        "url": absolute_url(session.get_absolute_url()),
        "location": _place(session, event),
        "eventStatus": STATUS.get(event.status, STATUS[EventStatus.PUBLISHED]),
    }
    if session.language:
        data["inLanguage"] = session.language
    if session.capacity is not None:
        data["maximumAttendeeCapacity"] = session.capacity
        data["remainingAttendeeCapacity"] = session_places_left(session)
    performers = [{"@type": "Person", "name": p.name} for p in session.presenter_list]
    performers += [{"@type": "Organization", "name": name} for name in session.organisation_names]
    if performers:
        data["performer"] = performers
    return data


def session_json_ld(*, event: Event, session: Session) -> dict:
    """Describe one session (from ``selectors.get_session``), as part of its event."""
    language = translation.get_language()
    fallbacks = event.project.fallback_languages
    data = {"@context": "https://schema.org", **_session_data(event, session, language, fallbacks)}
    data["description"] = session.description.render(language, fallbacks).text
    data["superEvent"] = {
        "@type": "Event",
        "name": event.title.render(language, fallbacks).text,
        "url": absolute_url(event.get_absolute_url()),
    }
    return data
