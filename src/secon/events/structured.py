"""schema.org ``Event`` data (JSON-LD) for event and session pages."""

from django.http import HttpRequest
from django.utils import translation

from secon.core.links import absolute_url
from secon.events.enums import EventKind, EventStatus
from secon.events.models import Event, Session
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


def event_json_ld(*, event: Event, sessions: list[Session], request: HttpRequest) -> dict:
    """Describe the event (and its public sessions as sub-events) for search engines."""
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
    data["subEvent"] = [_session_data(event, session, request, language, fallbacks) for session in sessions]
    return data


def _session_data(event, session, request, language, fallbacks) -> dict:
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
    performers = [{"@type": "Person", "name": str(p)} for p in session.presenters.all()]
    performers += [{"@type": "Organization", "name": o.name} for o in session.presenting_organisations.all()]
    if performers:
        data["performer"] = performers
    return data


def session_json_ld(*, event: Event, session: Session, request: HttpRequest) -> dict:
    """Describe one session, as part of its event."""
    language = translation.get_language()
    fallbacks = event.project.fallback_languages
    data = {"@context": "https://schema.org", **_session_data(event, session, request, language, fallbacks)}
    data["description"] = session.description.render(language, fallbacks).text
    data["superEvent"] = {
        "@type": "Event",
        "name": event.title.render(language, fallbacks).text,
        "url": absolute_url(event.get_absolute_url()),
    }
    return data
