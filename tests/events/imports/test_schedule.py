"""Importing a frab schedule.xml, a pretalx schedule.json and an Indico export into an event."""

import datetime
import zoneinfo
from pathlib import Path

import pytest

from secon.core.imports import Change
from secon.core.models import ImportKey
from secon.core.permissions import SYSTEM
from secon.events.imports.schedule import import_schedule
from secon.events.models import Session, Venue
from secon.organisations.models import Person
from tests.events.factories import EventFactory, VenueFactory
from tests.factories import ProjectFactory, UserFactory

FIXTURES = Path(__file__).parent / "fixtures"
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(content_languages=["en", "es"])
    return EventFactory(
        project=project,
        start_date=datetime.date(2027, 3, 10),
        end_date=datetime.date(2027, 3, 11),
        time_zone="Europe/Madrid",
    )


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_a_dry_run_of_a_frab_file_lists_what_it_would_create_and_changes_nothing(event):
    report = import_schedule(actor=SYSTEM, event=event, data=read("schedule.xml"), dry_run=True)

    assert report.ok, report.problems
    assert report.summary()[Change.CREATE] == 4 + 2 + 2  # sessions, people, venues (one per room)
    assert {row.label for row in report.rows if row.kind == "session"} >= {
        "Opening of the Social Economy Days"
    }
    assert not Session.objects.exists()
    assert not Person.objects.exists()
    assert not ImportKey.objects.exists()


def test_a_frab_file_becomes_sessions_with_speakers_in_the_rooms_of_the_event_venue(event):
    venue = VenueFactory(project=event.project, name="Palacio de Congresos")
    event.venues.add(venue)

    report = import_schedule(actor=SYSTEM, event=event, data=read("schedule.xml"), dry_run=False)

    assert report.applied, report.problems
    sessions = {str(session.title): session for session in Session.objects.filter(event=event)}
    assert len(sessions) == 4
    workshop = sessions["Workshop: public procurement with social clauses"]
    assert workshop.kind == "workshop"
    assert (workshop.venue, workshop.room) == (venue, "Sala Mérida")
    assert workshop.starts_at == datetime.datetime(2027, 3, 10, 11, 0, tzinfo=MADRID)
    assert workshop.ends_at - workshop.starts_at == datetime.timedelta(minutes=90)
    assert sorted(str(person) for person in workshop.presenters.all()) == ["Ana Pérez", "Jonas Berg"]
    assert sessions["Work-integration enterprises in Extremadura"].title == {
        "es": "Work-integration enterprises in Extremadura"
    }
    assert Person.objects.count() == 2
    assert Venue.objects.filter(project=event.project).count() == 1


def test_importing_the_same_file_again_changes_nothing(event):
    import_schedule(actor=SYSTEM, event=event, data=read("schedule.xml"), dry_run=False)
    ids = sorted(Session.objects.values_list("pk", flat=True))

    again = import_schedule(actor=SYSTEM, event=event, data=read("schedule.xml"), dry_run=False)

    assert again.applied
    assert again.changes == 0
    assert again.count(Change.UNCHANGED) == 4
    assert sorted(Session.objects.values_list("pk", flat=True)) == ids
    assert Person.objects.count() == 2


def test_a_changed_talk_is_updated_and_a_dropped_one_removed(event):
    import_schedule(actor=SYSTEM, event=event, data=read("schedule.xml"), dry_run=False)
    text = read("schedule.xml").decode()
    text = text.replace("<duration>00:30</duration>", "<duration>00:45</duration>")
    start = text.index('<event guid="0b6a2d1e-3c34-4c55-9f3a-000000000003"')
    text = text[:start] + text[text.index("</event>", start) + len("</event>") :]

    report = import_schedule(actor=SYSTEM, event=event, data=text.encode(), dry_run=False)

    assert report.applied, report.problems
    assert report.summary() == {"create": 0, "update": 1, "unchanged": 2, "remove": 1}
    assert not Session.objects.filter(title__en="Opening of the Social Economy Days").exists()
    energy = Session.objects.get(title__en="Cooperatives and the energy transition")
    assert energy.ends_at - energy.starts_at == datetime.timedelta(minutes=45)


def test_overlapping_talks_in_one_room_are_reported_and_nothing_is_imported(event):
    report = import_schedule(actor=SYSTEM, event=event, data=read("schedule-overlapping.xml"), dry_run=False)

    assert not report.ok
    assert len(report.problems) == 1
    assert "Sala Mérida" in report.problems[0]
    assert "First talk" in report.problems[0] and "Second talk" in report.problems[0]
    assert not Session.objects.exists()


def test_an_unknown_time_zone_is_reported(event):
    report = import_schedule(actor=SYSTEM, event=event, data=read("schedule-unknown-zone.xml"), dry_run=False)

    assert report.problems == ["Unknown time zone “Europe/Atlantis”."]
    assert not Session.objects.exists()


def test_a_talk_outside_the_event_days_is_a_line_and_rolls_everything_back(event):
    event.end_date = datetime.date(2027, 3, 10)
    event.save()

    report = import_schedule(actor=SYSTEM, event=event, data=read("schedule.xml"), dry_run=False)

    assert len(report.problems) == 1
    assert report.problems[0].startswith("Cooperatives and the energy transition: ")
    assert not Session.objects.exists()
    assert not Person.objects.exists()
    assert not ImportKey.objects.exists()


def test_a_pretalx_schedule_json_is_imported_with_its_speakers_once(event):
    report = import_schedule(actor=SYSTEM, event=event, data=read("pretalx-schedule.json"), dry_run=False)

    assert report.applied, report.problems
    talk = Session.objects.get(title__es="Cláusulas sociales en la contratación pública")
    assert talk.starts_at == datetime.datetime(2027, 3, 10, 16, 0, tzinfo=MADRID)
    assert talk.language == "es"
    workshop = Session.objects.get(title__en="Workshop: a map of social enterprises")
    assert workshop.kind == "workshop"
    assert sorted(str(person) for person in workshop.presenters.all()) == ["Lucía Gómez", "Marek Nowak"]
    assert Person.objects.count() == 2
    assert all(person.email.endswith("@speakers.invalid") for person in Person.objects.all())


def test_an_indico_export_is_imported_and_speakers_found_by_address(event):
    from tests.factories import PersonFactory

    known = PersonFactory(email="maria.costa@example.org", first_name="Maria", last_name="Costa")

    report = import_schedule(
        actor=SYSTEM, event=event, data=read("indico-event.json"), indico=True, dry_run=False
    )

    assert report.applied, report.problems
    round_table = Session.objects.get(title__en="Round table: funding the social economy")
    assert round_table.ends_at - round_table.starts_at == datetime.timedelta(minutes=90)
    assert set(round_table.presenters.all()) == {known, Person.objects.get(last_name="Ionescu")}
    assert round_table.room == ""
    assert round_table.venue.name == "Room 2"


@pytest.mark.parametrize(
    "data, words",
    [
        (b"<schedule><day><room", "not well-formed XML"),
        (b"{not json", "not JSON"),
        (b'{"schedule": {}}', "no schedule.conference.days"),
        (b"   ", "empty"),
    ],
)
def test_a_file_that_is_not_a_schedule_gets_a_clear_line(event, data, words):
    report = import_schedule(actor=SYSTEM, event=event, data=data, dry_run=False)

    assert len(report.problems) == 1
    assert words in report.problems[0]


def test_someone_who_may_not_organise_the_event_is_refused(event):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_schedule(actor=UserFactory(), event=event, data=read("schedule.xml"), dry_run=True)
