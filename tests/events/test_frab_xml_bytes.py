"""The frab XML is written as text: byte for byte what the ElementTree it was built with wrote."""

from xml.etree import ElementTree as ET

import pytest

from secon.events import exporters, schedule
from secon.events.models import Event
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at
from tests.events.views.test_exports import schema
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def reference_frab_xml(*, event, sessions, language, base_url) -> bytes:
    """The export as it was built before (ElementTree, indented, serialised)."""
    zone = event.zone
    sessions_url, tracks = base_url + schedule.session_path_prefix(event), schedule.kind_labels()
    root = ET.Element("schedule")
    ET.SubElement(root, "version").text = exporters.schedule_version(event, sessions)
    conference = ET.SubElement(root, "conference")
    ET.SubElement(conference, "acronym").text = event.slug
    ET.SubElement(conference, "title").text = event.title.render(
        language, event.project.fallback_languages
    ).text
    ET.SubElement(conference, "start").text = event.start_date.isoformat()
    ET.SubElement(conference, "end").text = event.end_date.isoformat()
    ET.SubElement(conference, "days").text = str(len(event.days))
    ET.SubElement(conference, "timeslot_duration").text = "00:15"
    for index, day, rooms in exporters._schedule_days(event, sessions):
        start, end = exporters._day_bounds(event, day)
        day_element = ET.SubElement(
            root, "day", {"index": str(index), "date": day.isoformat(), "start": start, "end": end}
        )
        for room_name, room_sessions in rooms.items():
            room_element = ET.SubElement(day_element, "room", {"name": room_name})
            for session in room_sessions:
                texts = exporters._texts(event, session, language)
                element = ET.SubElement(
                    room_element, "event", {"id": str(session.pk), "guid": exporters._guid(session)}
                )
                local = session.starts_at.astimezone(zone)
                ET.SubElement(element, "date").text = local.isoformat()
                ET.SubElement(element, "start").text = local.strftime("%H:%M")
                ET.SubElement(element, "duration").text = exporters._duration(session)
                ET.SubElement(element, "room").text = room_name
                ET.SubElement(element, "slug").text = f"{event.slug}-{session.pk}"
                ET.SubElement(element, "title").text = texts["title"]
                ET.SubElement(element, "subtitle").text = ""
                ET.SubElement(element, "track").text = tracks.get(session.kind, session.kind)
                ET.SubElement(element, "type").text = session.kind
                ET.SubElement(element, "language").text = session.language or ""
                ET.SubElement(element, "abstract").text = texts["description"]
                ET.SubElement(element, "description").text = texts["description"]
                persons = ET.SubElement(element, "persons")
                for pk, name in exporters._persons(session):
                    ET.SubElement(persons, "person", {"id": str(pk)} if pk else {}).text = name
                links = ET.SubElement(element, "links")
                ET.SubElement(links, "link", {"href": f"{sessions_url}{session.pk}/"}).text = texts["title"]
                if session.materials_url:
                    ET.SubElement(links, "link", {"href": session.materials_url}).text = "Materials"
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


TRICKY = "A & B <c> \"d\" 'e' \tf\r\ng ]]> Ωμέγα"


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", content_languages=["en", "es", "el"])
    event = EventFactory(project=project, slug="caceres", title={"en": TRICKY, "es": "Reunión"})
    venue = VenueFactory(project=project, name='Hall "A" & <B>\t\n')
    talk = SessionFactory(
        event=event,
        venue=venue,
        room="Sala\t1 & 2",
        title={"en": TRICKY, "es": "Charla"},
        description={"en": "Line one\nline two & <three>", "el": "Περιγραφή"},
        starts_at=at(event, 0, 9),
        ends_at=at(event, 0, 10, 30),
        language="es",
        materials_url='https://example.org/a?b=1&c="2"',
    )
    talk.presenters.add(PersonFactory(first_name="Ana <b>", last_name="Ruiz & Co"))
    talk.presenting_organisations.add(OrganisationFactory(name="ACTYVA & <Partners>"))
    SessionFactory(  # no people, no description, no language, no room or venue
        event=event, kind="study_visit", capacity=25, starts_at=at(event, 1, 9), ends_at=at(event, 1, 13)
    )
    SessionFactory(event=event, kind="workshop", starts_at=at(event, 1, 9), ends_at=at(event, 1, 11))
    return event  # two of its four days have no session


@pytest.mark.parametrize("language", ["en", "es", "el"])
def test_frab_xml_is_byte_for_byte_what_elementtree_wrote(event, language):
    event = Event.objects.get(pk=event.pk)
    sessions = schedule.list_schedule(event=event)
    values = {"event": event, "sessions": sessions, "language": language, "base_url": "https://x"}
    content = exporters.frab_xml(**values)
    assert content == reference_frab_xml(**values)
    schema().validate(content.decode())


def test_an_event_without_sessions_too(event):
    event = Event.objects.get(pk=event.pk)
    values = {"event": event, "sessions": [], "language": "en", "base_url": "https://x"}
    assert exporters.frab_xml(**values) == reference_frab_xml(**values)
