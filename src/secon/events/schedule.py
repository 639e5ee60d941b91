"""Read an event's schedule lean, for the agenda page and the exports (frab XML/JSON, iCal).

The sessions come with their venue and places taken, and their people as plain values rather than
model instances behind related managers: a 120-session agenda used to build some 700 model
instances and 1,000 managers for names it only prints. Four queries, whatever the number of
sessions.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from secon.events.enums import SessionKind, SignupStatus, Visibility
from secon.events.models import Event, Session

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


def list_schedule(*, event: Event, audience: str = "public", texts: bool = True) -> list[Session]:
    """Return the event's sessions an audience may see, in agenda order (4 queries).

    Each session shares the ``event`` object given and carries ``places_taken``, ``waiting_count``,
    ``presenter_list`` (:class:`Presenter`, in the people's order), ``organisation_names``
    (presenting organisations) and ``visited_names`` (organisations visited), in name order.
    ``texts=False`` leaves out the descriptions, meeting points and accessibility notes.
    """
    sessions_query = (
        Session.objects.filter(event=event, visibility__in=AUDIENCES[audience])
        .select_related("venue")
        .annotate(
            places_taken=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED), distinct=True),
            waiting_count=Count("signups", filter=Q(signups__status=SignupStatus.WAITING), distinct=True),
        )
        .order_by("starts_at", "ends_at", "pk")
    )
    if not texts:
        sessions_query = sessions_query.defer(*_LONG_TEXTS)
    sessions = list(sessions_query)
    read_people(sessions)
    for session in sessions:
        session.event = event
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


def read_people(sessions: list[Session], *, links: bool = False) -> None:
    """Give each session its ``presenter_list``, ``organisation_names`` and ``visited_names`` as
    plain values (three queries, whatever the number of sessions); ``links``: also
    ``presenting_links`` and ``visited_links`` (:class:`OrganisationLink`, for a session's page)."""
    ids = [session.pk for session in sessions]
    presenters: dict[int, list[Presenter]] = defaultdict(list)
    rows = (
        Session.presenters.through.objects.filter(session_id__in=ids)
        .order_by("person__sort_key", "person__last_name", "person__first_name", "person_id")
        .values_list(
            "session_id", "person_id", "person__first_name", "person__last_name", "person__organisation__name"
        )
    )
    for session_id, pk, first_name, last_name, organisation in rows:
        presenters[session_id].append(Presenter(pk, f"{first_name} {last_name}", organisation or ""))
    presenting = _organisations(Session.presenting_organisations.through, ids)
    visited = _organisations(Session.visited_organisations.through, ids)
    for session in sessions:
        session.presenter_list = presenters.get(session.pk, [])
        session.organisation_names = [o.name for o in presenting.get(session.pk, [])]
        session.visited_names = [o.name for o in visited.get(session.pk, [])]
        if links:
            session.presenting_links = presenting.get(session.pk, [])
            session.visited_links = visited.get(session.pk, [])


def _organisations(through, ids: list[int]) -> dict[int, list[OrganisationLink]]:
    found: dict[int, list[OrganisationLink]] = defaultdict(list)
    rows = (
        through.objects.filter(session_id__in=ids)
        .order_by("organisation__sort_key", "organisation_id")
        .values_list("session_id", "organisation__slug", "organisation__name", "organisation__city")
    )
    for session_id, slug, name, city in rows:
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
