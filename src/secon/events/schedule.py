"""Read an event's schedule lean, for the agenda page and the exports (frab XML/JSON, iCal).

The sessions come with their venue and places taken, and their people as plain values rather than
model instances behind related managers: a 120-session agenda used to build some 700 model
instances and 1,000 managers for names it only prints. Four queries, whatever the number of
sessions.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.urls import reverse

from secon.core.i18n import Translations
from secon.events.enums import SessionKind, SignupStatus, Visibility
from secon.events.models import Event, Session
from secon.projects import prepared

#: The sessions each audience may see.
AUDIENCES = {
    "public": (Visibility.PUBLIC,),
    "participants": (Visibility.PUBLIC, Visibility.PARTICIPANTS),
    "organisers": (Visibility.PUBLIC, Visibility.PARTICIPANTS, Visibility.COMMITTEE),
}

#: Fields the agenda page does not show (the exports read them).
_LONG_TEXTS = ("description", "meeting_point", "accessibility_notes")


@dataclass(frozen=True, slots=True)
class Presenter:
    """A person presenting a session, as the schedule shows them."""

    pk: int
    name: str
    organisation: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class ScheduledVenue:
    """A session's venue, as the agenda and the exports show it."""

    pk: int
    name: str
    address: str
    city: str
    latitude: Decimal | None
    longitude: Decimal | None

    def __str__(self) -> str:
        return self.name


#: The columns :func:`list_schedule` reads, in the order of :class:`ScheduledSession`'s fields.
_COLUMNS = (
    "pk",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "venue_id",
    "room",
    "capacity",
    "language",
    "materials_url",
    "visibility",
    "places_taken",
    "waiting_count",
)
_VENUE_COLUMNS = ("venue__name", "venue__address", "venue__city", "venue__latitude", "venue__longitude")


@dataclass(slots=True)
class ScheduledSession:
    """A session of the schedule as plain values: the fields the agenda and the exports show."""

    pk: int
    kind: str
    title: Translations
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_id: int | None
    room: str
    capacity: int | None
    language: str
    materials_url: str
    visibility: str
    places_taken: int
    waiting_count: int
    event: Event
    venue: ScheduledVenue | None = None
    description: Translations | None = None
    meeting_point: Translations | None = None
    accessibility_notes: Translations | None = None
    presenter_list: list = field(default_factory=list)
    organisation_names: list = field(default_factory=list)
    visited_names: list = field(default_factory=list)
    places_left: int | None = None
    row: str = ""

    @property
    def id(self) -> int:
        return self.pk


def _signups(status: str) -> Count:
    return Count("signups", filter=Q(signups__status=status), distinct=True)


def list_schedule(*, event: Event, audience: str = "public", texts: bool = True) -> list[ScheduledSession]:
    """Return the event's sessions an audience may see, in agenda order (4 queries), as plain values.

    Each :class:`ScheduledSession` shares the ``event`` object given and carries its venue
    (:class:`ScheduledVenue`), ``places_taken``, ``waiting_count``, ``presenter_list``
    (:class:`Presenter`, in the people's order), ``organisation_names`` (presenting organisations)
    and ``visited_names`` (organisations visited), in name order: no model instances, which cost
    more to build than the rest of the reading. ``texts=False`` leaves out the descriptions,
    meeting points and accessibility notes (None).
    """
    visible = {"event": event, "visibility__in": AUDIENCES[audience]}
    long_texts = _LONG_TEXTS if texts else ()
    rows = prepared.rows(
        ("events.schedule", event.pk, audience, texts),
        lambda: (
            Session.objects.filter(**visible)
            .annotate(
                places_taken=_signups(SignupStatus.CONFIRMED),
                waiting_count=_signups(SignupStatus.WAITING),
            )
            .order_by("starts_at", "ends_at", "pk")
            .values_list(*_COLUMNS, *_VENUE_COLUMNS, *long_texts)
        ),
    )
    width = len(_COLUMNS)
    sessions = []
    for row in rows:
        session = ScheduledSession(*row[:width], event=event)
        if session.venue_id is not None:
            session.venue = ScheduledVenue(session.venue_id, *row[width : width + len(_VENUE_COLUMNS)])
        if texts:
            session.description, session.meeting_point, session.accessibility_notes = row[-3:]
        sessions.append(session)
    read_people(sessions, of={f"session__{name}": value for name, value in visible.items()})
    return sessions


@dataclass(frozen=True, slots=True)
class OrganisationLink:
    """An organisation as a session's page lists it: its name, linked to its page, and its city."""

    slug: str
    name: str
    city: str

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public:organisation", kwargs={"slug": self.slug})


def read_people(sessions: list, *, links: bool = False, of: dict | None = None) -> None:
    """Give each session its ``presenter_list``, ``organisation_names`` and ``visited_names`` as
    plain values (three queries, whatever the number of sessions); ``links``: also
    ``presenting_links`` and ``visited_links`` (:class:`OrganisationLink`, for a session's page).

    ``of``: the lookups (on ``session__``) that chose the sessions, to read their people by those
    rather than by a list of every session's key (which costs more to compile than the join).
    """
    where = of if of is not None else {"session_id__in": [session.pk for session in sessions]}
    key = _where_key(where)
    presenters: dict[int, list[Presenter]] = defaultdict(list)
    rows = prepared.rows(
        ("events.presenters", key),
        lambda: (
            Session.presenters.through.objects.filter(**where)
            .order_by("person__sort_key", "person__last_name", "person__first_name", "person_id")
            .values_list(
                "session_id",
                "person_id",
                "person__first_name",
                "person__last_name",
                "person__organisation__name",
            )
        ),
    )
    for session_id, pk, first_name, last_name, organisation in rows:
        presenters[session_id].append(Presenter(pk, f"{first_name} {last_name}", organisation or ""))
    presenting = _organisations(Session.presenting_organisations.through, where, key)
    visited = _organisations(Session.visited_organisations.through, where, key)
    for session in sessions:
        session.presenter_list = presenters.get(session.pk, [])
        session.organisation_names = [o.name for o in presenting.get(session.pk, [])]
        session.visited_names = [o.name for o in visited.get(session.pk, [])]
        if links:
            session.presenting_links = presenting.get(session.pk, [])
            session.visited_links = visited.get(session.pk, [])


def _where_key(where: dict) -> tuple:
    """The lookups choosing the sessions as a key of prepared queries (records by their key)."""

    def plain(value):
        if isinstance(value, list | tuple):
            return tuple(plain(item) for item in value)
        return ("record", value._meta.label, value.pk) if hasattr(value, "_meta") else value

    return tuple((name, plain(value)) for name, value in where.items())


def _organisations(through, where: dict, key: tuple) -> dict[int, list[OrganisationLink]]:
    found: dict[int, list[OrganisationLink]] = defaultdict(list)
    # Sorted here, not in SQL (compiling an ORDER BY on the joined table costs more than sorting a
    # few rows): the collation key is hexadecimal digits, ordered alike by Python and every database.
    rows = prepared.rows(
        (f"events.organisations.{through._meta.label}", key),
        lambda: through.objects.filter(**where).values_list(
            "organisation__sort_key",
            "organisation_id",
            "session_id",
            "organisation__slug",
            "organisation__name",
            "organisation__city",
        ),
    )
    for _key, _pk, session_id, slug, name, city in sorted(rows):
        found[session_id].append(OrganisationLink(slug, name, city))
    return found


def session_path_prefix(event: Event) -> str:
    """Return the address of the event's session pages without the number, in the active language
    (``/en/secon/events/caceres/sessions/``): one ``reverse`` per page instead of one per session."""
    path = reverse("events:session", args=(event.project.slug, event.slug, 0))
    if not path.endswith("/0/"):  # the URL map changed: nothing may guess the addresses
        raise ValueError(f"unexpected session address {path}")
    return path[:-2]


def kind_labels() -> dict[str, str]:
    """Return the name of each kind of session in the active language (translated once per page)."""
    return {code: str(label) for code, label in SessionKind.choices}
