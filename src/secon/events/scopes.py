"""Page-cache scopes of the event pages, and which records belong to them.

The audit log touches a record's scopes whenever a service writes it (:mod:`secon.core.cache`).
"""

from secon.core import cache
from secon.events.holds import HeldRegistration
from secon.events.models import Attendance, Event, Message, Registration, Session, Signup, Venue
from secon.organisations.enums import ConsentKind
from secon.organisations.models import Consent, Person
from secon.practices.scopes import practice_sessions_scope
from secon.projects.scopes import project_scope
from secon.projects.tenancy import scopes_disabled

ALL_EVENTS_SCOPE = "events"


def event_scope(project_slug: str, event_slug: str) -> str:
    """Name the page-cache scope of an event's pages (agenda, sessions, exports)."""
    return f"event:{project_slug}:{event_slug}"


def events_scope(project_slug: str) -> str:
    """Name the page-cache scope of a project's event list."""
    return f"events:{project_slug}"


def places_scope(project_slug: str, event_slug: str) -> str:
    """Name the page-cache scope of the places left (event and session pages show them)."""
    return f"event-places:{project_slug}:{event_slug}"


def _agenda(event: Event) -> list[str]:
    """The event's pages, and the practice pages that list its sessions."""
    slug = event.project.slug
    return [event_scope(slug, event.slug), places_scope(slug, event.slug), practice_sessions_scope(slug)]


@cache.record_scopes(Event)
def _event(event: Event) -> list[str]:
    return [*_agenda(event), events_scope(event.project.slug), ALL_EVENTS_SCOPE]


@cache.record_scopes(Session)
def _session(session: Session) -> list[str]:
    return _agenda(session.event)


@cache.record_scopes(Venue)
def _venue(venue: Venue) -> list[str]:
    return [scope for event in venue.events.select_related("project") for scope in _agenda(event)]


@cache.record_scopes(Registration)
def _registration(registration: Registration) -> list[str]:
    event = registration.event
    return [places_scope(event.project.slug, event.slug)]


@cache.record_scopes(Signup)
def _signup(signup: Signup) -> list[str]:
    return _registration(signup.registration)


def _events_of_person(person_id: int, *, presented: bool = False) -> list[str]:
    # A person's registrations (and talks) in every project: the pages of each show them.
    with scopes_disabled():
        places = Event.objects.filter(registrations__person_id=person_id)
        shown = [places_scope(*row) for row in places.values_list("project__slug", "slug").distinct()]
        if presented:
            talks = Event.objects.filter(sessions__presenters=person_id)
            shown += [event_scope(*row) for row in talks.values_list("project__slug", "slug").distinct()]
    return shown


@cache.record_scopes(Consent)
def _consent(consent: Consent) -> list[str]:
    # Only the consent to appear on the public list of participants changes a page.
    return _events_of_person(consent.person_id) if consent.kind == ConsentKind.PUBLIC_LIST else []


@cache.record_scopes(Person)
def _person(person: Person) -> list[str]:
    return _events_of_person(person.pk, presented=True) if person.pk else []


cache.not_on_cached_pages(Attendance, reason="shown to the event's organisers only")
cache.not_on_cached_pages(Message, reason="shown to the event's organisers only")
cache.not_on_cached_pages(HeldRegistration, reason="only its own confirmation page shows it, never cached")


def event_page_scopes(request, project: str, event: str, **kwargs) -> list[str]:
    """Scopes of the event and session pages: the agenda and the places left."""
    return [project_scope(project), event_scope(project, event), places_scope(project, event)]


def export_scopes(request, project: str, event: str, **kwargs) -> list[str]:
    """Scopes of the exports: the agenda only (they show no places left)."""
    return [project_scope(project), event_scope(project, event)]
