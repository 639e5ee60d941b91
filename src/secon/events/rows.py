"""The agenda's session rows, each rendered once for what it shows and reused.

An agenda page is mostly its session rows, and a change to an event (a session moved, a
registration, a setting) leaves most rows as they were. Each row's HTML is a function of a few
plain values only: the texts in the page's language, local times in the event's (and the viewer's)
time zone, names, places left and the registration state — gathered here into a :class:`Row`
without rendering anything. The row's fragment is cached under a digest of exactly those values
and the interface language, so it is a *content address*: any change to what the row shows gives
a new key, the unchanged rows are reused, and nothing ever has to be invalidated. That is also
why the fragments may live in each server process's own memory (the ``fragments`` cache, emptied
by every restart, so a deploy that changes the template or a translation starts afresh); the rows
that are missing are rendered by ``events/_session_row.html``, like before.

The page cache (``SECON_PAGE_CACHE_SECONDS``) is independent: with it off, the fragments are still
used. With ``DEBUG`` on, rows are not cached (a template edited under a running server shows at once).
"""

import hashlib
import zoneinfo
from typing import NamedTuple

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language

from secon.core import cache
from secon.events import schedule
from secon.events.enums import Visibility
from secon.events.models import Event, Session
from secon.projects.models import Project

TEMPLATE = "events/_session_row.html"
VISIT_TEMPLATE = "events/_study_visit.html"
#: Part of every key: raise it when a row's inputs (or what is kept under its key) change meaning.
VERSION = 2


class Row(NamedTuple):
    """Everything one agenda row shows, already in the page's language and time zones."""

    pk: int
    url: str
    kind: str
    kind_label: str
    title: str
    title_language: str  # set when the title is a fallback in another language
    starts_iso: str
    ends_iso: str
    starts: str
    ends: str
    viewer_zone: str
    viewer_starts: str
    viewer_ends: str
    venue: str
    room: str
    language_label: str
    visibility_label: str
    presenters: tuple[tuple[str, str], ...]  # (name, organisation or "")
    organisations: tuple[str, ...]
    visited: tuple[str, ...]
    capacity: int | None
    places_left: int | None
    signup_state: str


def build_rows(
    *,
    project: Project,
    event: Event,
    sessions: list[Session],
    viewer_zone: zoneinfo.ZoneInfo | None,
    signup_state: str,
) -> list[Row]:
    """Gather the rows of the sessions (from :func:`secon.events.schedule.list_schedule`, with
    ``places_left`` set); the labels are translated once per page, not once per row."""
    language = get_language()
    fallbacks = project.fallback_languages
    zone = event.zone
    prefix = schedule.session_path_prefix(event)
    kinds = {code: capfirst(label) for code, label in schedule.kind_labels().items()}
    visibilities = {code: capfirst(str(label)) for code, label in Visibility.choices}
    languages = {code: str(label) for code, label in Session._meta.get_field("language").flatchoices}
    rows = []
    for session in sessions:
        title = session.title.render(language, fallbacks)
        starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        viewer = ("", "", "")
        if viewer_zone is not None:
            viewer = (
                viewer_zone.key,
                session.starts_at.astimezone(viewer_zone).strftime("%H:%M"),
                session.ends_at.astimezone(viewer_zone).strftime("%H:%M"),
            )
        venue = session.venue
        rows.append(
            Row(
                pk=session.pk,
                url=f"{prefix}{session.pk}/",
                kind=session.kind,
                kind_label=kinds.get(session.kind, capfirst(session.kind)),
                title=title.text,
                title_language=title.language if title.is_fallback else "",
                starts_iso=starts.isoformat(),
                ends_iso=ends.isoformat(),
                starts=starts.strftime("%H:%M"),
                ends=ends.strftime("%H:%M"),
                viewer_zone=viewer[0],
                viewer_starts=viewer[1],
                viewer_ends=viewer[2],
                venue=venue.name if venue else "",
                room=session.room,
                language_label=languages.get(session.language, session.language),
                visibility_label=""
                if session.visibility == Visibility.PUBLIC
                else visibilities.get(session.visibility, session.visibility),
                presenters=tuple((person.name, person.organisation) for person in session.presenter_list),
                organisations=tuple(session.organisation_names),
                visited=tuple(session.visited_names),
                capacity=session.capacity,
                places_left=session.places_left if session.capacity is not None else None,
                signup_state=signup_state if session.capacity is not None else "",
            )
        )
    return rows


def digest(text: str) -> str:
    """Return a short digest of a fragment's inputs (with :data:`VERSION`), for its cache key."""
    return hashlib.blake2b(f"{VERSION}|{text}".encode(), digest_size=16).hexdigest()


def _key(language: str, row: Row) -> str:
    return f"agenda-row:{digest(repr((language, row)))}"


class Fragment(NamedTuple):
    """A session's HTML on the agenda page: its row, and for a sign-up session its item in the list
    of sessions with limited places (``visit``, else "")."""

    row: SafeString
    visit: SafeString


def render_row(row: Row) -> SafeString:
    """Render one row with the template (no cache)."""
    return mark_safe(get_template(TEMPLATE).render(row._asdict()))


def render_visit(row: Row) -> SafeString:
    """Render a sign-up session's item of the list of sessions with limited places (no cache)."""
    # The template ends with the file's line break, which is not part of the item.
    return mark_safe(get_template(VISIT_TEMPLATE).render(row._asdict()).removesuffix("\n"))


def _render(row: Row) -> tuple[str, str]:
    return str(render_row(row)), str(render_visit(row)) if row.capacity is not None else ""


def render_rows(rows: list[Row]) -> list[Fragment]:
    """Return the sessions' HTML, from the fragment cache where it holds them; render and keep the rest
    (a row and its item of the sessions with limited places are kept together, under one key)."""
    if settings.DEBUG:
        return [Fragment(*map(mark_safe, _render(row))) for row in rows]
    language = get_language()
    keys = [_key(language, row) for row in rows]
    fragments = cache.fragments()
    found = fragments.get_many(keys)
    missing = {}
    html = []
    for key, row in zip(keys, rows, strict=True):
        texts = found.get(key)
        if texts is None:
            texts = missing[key] = _render(row)
        html.append(Fragment(mark_safe(texts[0]), mark_safe(texts[1])))
    if missing:
        fragments.set_many(missing)
    return html
