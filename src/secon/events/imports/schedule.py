"""Import a schedule (frab XML, pretalx JSON, Indico JSON) into an event, through the agenda services.

Rooms become the rooms of the event's venue (or, for an event without a venue, one venue each);
talks become sessions, keyed on the source's GUIDs; speakers become people (found by e-mail
address when the file gives one). A talk dropped from the schedule since the last import is
removed. Overlapping talks in one room, an unknown time zone or a talk outside the event's days are
reported one line each, and nothing is imported then.
"""

from django.utils import formats
from django.utils.translation import gettext as _

from secon.core.imports import Change, ImportReport, Keys, attempt, check_size, fingerprint, run
from secon.core.permissions import require
from secon.core.text import fold
from secon.events.enums import SessionKind
from secon.events.imports.formats import Schedule, Speaker, Talk, read_schedule
from secon.events.models import Event, Session, Venue
from secon.events.services import agenda
from secon.organisations.models import Person
from secon.organisations.services import create_person

#: An address that can never receive mail (RFC 2606), for a speaker the file gives none for.
NO_ADDRESS_DOMAIN = "speakers.invalid"

KIND_NAMES = {
    "talk": SessionKind.PRESENTATION,
    "lecture": SessionKind.PRESENTATION,
    "keynote": SessionKind.PRESENTATION,
    "panel": SessionKind.EXPERT_SESSION,
    "discussion": SessionKind.EXPERT_SESSION,
    "workshop": SessionKind.WORKSHOP,
    "break": SessionKind.MEAL,
    "lunch": SessionKind.MEAL,
}


def overlaps(schedule: Schedule) -> list[str]:
    """Return a line for every two talks that overlap in one room."""
    lines = []
    by_room: dict[str, list[Talk]] = {}
    for talk in schedule.talks:
        by_room.setdefault(fold(talk.room), []).append(talk)
    for talks in by_room.values():
        talks.sort(key=lambda talk: talk.starts_at)
        longest = None  # the talk seen so far that ends last
        for later in talks:
            earlier = longest
            if earlier is not None and later.starts_at < earlier.ends_at:
                lines.append(
                    _("%(room)s: “%(first)s” (%(first_time)s) overlaps “%(second)s” (%(second_time)s).")
                    % {
                        "room": earlier.room or _("no room"),
                        "first": earlier.title[:60],
                        "first_time": _span(earlier),
                        "second": later.title[:60],
                        "second_time": _span(later),
                    }
                )
            if longest is None or later.ends_at > longest.ends_at:
                longest = later
    return lines


def _span(talk: Talk) -> str:
    start = formats.date_format(talk.starts_at, "SHORT_DATETIME_FORMAT")
    return f"{start}–{formats.time_format(talk.ends_at, 'TIME_FORMAT')}"


def _language(event: Event, talk: Talk) -> str:
    languages = event.project.content_languages or ["en"]
    return talk.language if talk.language in languages else languages[0]


def _kind(talk: Talk) -> str:
    if talk.kind in SessionKind.values:
        return talk.kind
    return KIND_NAMES.get(talk.kind, SessionKind.PRESENTATION)


class _Import:
    def __init__(self, *, actor, event: Event, schedule: Schedule, report: ImportReport):
        self.actor, self.event, self.schedule, self.report = actor, event, schedule, report
        self.keys = Keys(source=f"schedule-{schedule.source}", scope=f"event:{event.pk}")
        self.venues: dict[str, Venue] = {}
        #: The event's venue, whose rooms the file's rooms become; none: one venue per room.
        #: (Venues made for the rooms by an earlier import do not count.)
        made = self.keys.ids(Venue)
        self.shared = event.venues.exclude(pk__in=made).order_by("name").first()

    def venue_for(self, room: str) -> tuple[Venue | None, str]:
        """Return the venue and room name of a room of the file."""
        if self.shared is not None:
            return self.shared, room
        name = (room or self.schedule.venue or str(self.event.title))[:200]
        if name not in self.venues:
            venue = Venue.objects.filter(project=self.event.project, name=name).first()
            if venue is None:
                venue = attempt(
                    self.report,
                    name,
                    lambda: agenda.add_venue_to_event(
                        actor=self.actor, event=self.event, name=name, city=self.event.city
                    ),
                )
                if venue is not None:
                    self.keys.remember(venue, f"room:{name}")
                    self.report.add(Change.CREATE, _("venue"), name)
            elif not self.event.venues.filter(pk=venue.pk).exists():
                agenda.update_event(
                    actor=self.actor, event=self.event, venues=[*self.event.venues.all(), venue]
                )
            self.venues[name] = venue
        return self.venues[name], ""

    def person_for(self, speaker: Speaker) -> Person | None:
        key = speaker.key or speaker.email or fold(speaker.name)
        person, _digest = self.keys.find(Person, key)
        if person is None and speaker.email:
            person = Person.objects.filter(email=speaker.email).first()
        if person is not None:
            self.keys.remember(person, key)
            return person
        first, _space, last = speaker.name.rpartition(" ")
        email = (
            speaker.email
            or f"{self.event.slug}-{fingerprint([self.schedule.source, key])[:12]}@{NO_ADDRESS_DOMAIN}"
        )
        person = attempt(
            self.report,
            speaker.name,
            lambda: create_person(
                actor=self.actor, first_name=(first or last)[:100], last_name=last[:100], email=email
            ),
        )
        if person is not None:
            self.keys.remember(person, key)
            detail = "" if speaker.email else _("no e-mail address in the file")
            self.report.add(Change.CREATE, _("person"), speaker.name, detail)
        return person

    def talk(self, talk: Talk) -> None:
        venue, room = self.venue_for(talk.room)
        people = [person for person in (self.person_for(speaker) for speaker in talk.speakers) if person]
        language = _language(self.event, talk)
        values = {
            "kind": _kind(talk),
            "title": {language: talk.title[:250]},
            "description": {language: talk.description} if talk.description else {},
            "starts_at": talk.starts_at,
            "ends_at": talk.ends_at,
            "venue": venue,
            "room": room[:120],
            "language": talk.language
            if talk.language in dict(Session._meta.get_field("language").choices)
            else "",
        }
        digest = fingerprint([values, sorted(person.pk for person in people)])
        session, known = self.keys.find(Session, talk.key)
        when = _span(talk)
        if session is not None and known == digest:
            self.report.add(Change.UNCHANGED, _("session"), talk.title, when)
            return
        if session is None:
            session = attempt(
                self.report,
                talk.title[:60],
                lambda: agenda.add_session(actor=self.actor, event=self.event, presenters=people, **values),
            )
            action = Change.CREATE
        else:
            session = attempt(
                self.report,
                talk.title[:60],
                lambda: agenda.update_session(actor=self.actor, session=session, presenters=people, **values),
            )
            action = Change.UPDATE
        if session is not None:
            self.keys.remember(session, talk.key, digest)
            self.report.add(action, _("session"), talk.title, when)

    def remove_dropped(self) -> None:
        seen = {talk.key for talk in self.schedule.talks}
        for key, session in self.keys.missing(Session, seen):
            self.report.add(Change.REMOVE, _("session"), str(session.title), _("no longer in the schedule"))
            agenda.delete_session(actor=self.actor, session=session)
            self.keys.forget(Session, key)

    def __call__(self) -> None:
        for talk in sorted(self.schedule.talks, key=lambda talk: (talk.starts_at, talk.room)):
            self.talk(talk)
        self.remove_dropped()


def import_schedule(
    *, actor, event: Event, data: bytes, indico: bool = False, dry_run: bool = True
) -> ImportReport:
    """Import a frab ``schedule.xml``, a pretalx ``schedule.json`` or (``indico``) an Indico export.

    Returns the report of what was (or, in a dry run, would be) created, changed and removed; with
    any problem, nothing is imported.
    """
    require(actor, "events.change_event", event)

    def work(report: ImportReport) -> None:
        check_size(data)
        schedule = read_schedule(data, time_zone=event.time_zone, indico=indico)
        for line in schedule.problems + overlaps(schedule):
            report.problem(line)
        if report.problems:
            return
        if not schedule.talks:
            report.problem(_("The schedule has no talks."))
            return
        _Import(
            actor=actor,
            event=Event.objects.select_related("project").get(pk=event.pk),
            schedule=schedule,
            report=report,
        )()

    return run(dry_run=dry_run, work=work)
