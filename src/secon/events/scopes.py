"""Page-cache scopes of the event pages, and the invalidations the event services make."""

from collections.abc import Iterable

from secon.core import cache
from secon.events.models import Event
from secon.practices.scopes import practice_scope
from secon.projects.services import project_scope

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


def touch_places(event: Event) -> None:
    """Invalidate the pages that show the event's places left (not its exports: they show none)."""
    cache.touch(places_scope(event.project.slug, event.slug))


def touch_event(
    event: Event, *, listing: bool = True, old_slug: str | None = None, practice_ids: Iterable[int] = ()
) -> None:
    """Invalidate every cached page of the event, and the event lists when the event itself changed.

    ``practice_ids`` names the good practices whose pages show the event's sessions (or did until now).
    """
    slug = event.project.slug
    scopes = [event_scope(slug, event.slug), places_scope(slug, event.slug)]
    if old_slug and old_slug != event.slug:
        scopes += [event_scope(slug, old_slug), places_scope(slug, old_slug)]
    if listing:
        scopes += [events_scope(slug), ALL_EVENTS_SCOPE]
    scopes += [practice_scope(slug, pk) for pk in practice_ids]
    cache.touch(*scopes)


def event_page_scopes(request, project: str, event: str, **kwargs) -> list[str]:
    """Scopes of the event and session pages: the agenda and the places left."""
    return [project_scope(project), event_scope(project, event), places_scope(project, event)]


def export_scopes(request, project: str, event: str, **kwargs) -> list[str]:
    """Scopes of the exports: the agenda only (they show no places left)."""
    return [project_scope(project), event_scope(project, event)]
