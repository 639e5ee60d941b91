import csv
import datetime
import io
import json
from pathlib import Path

import icalendar
import pytest
import xmlschema
from openpyxl import load_workbook
from pypdf import PdfReader

from django.utils import translation

from secon.core.permissions import SYSTEM
from secon.events import exporters, schedule
from secon.events.links import make_token
from secon.events.models import Event
from secon.events.services import attendance, registrations
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at, registration_values
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db


XSD = Path("/work/shared/reference/frab-schedule.xsd")


SCHEMA_IN_REPO = Path(__file__).parents[1] / "frab-schedule.xsd"


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    event = EventFactory(project=project, slug="caceres", title={"en": "Cáceres meeting", "es": "Reunión"})
    venue = VenueFactory(project=project, name="Edificio & Co <main>")
    organisation = OrganisationFactory(name="ACTYVA")
    talk = SessionFactory(
        event=event,
        venue=venue,
        room="Sala 1",
        title={"en": "ACTYVA presents", "es": "ACTYVA presenta"},
        starts_at=at(event, 0, 9),
        ends_at=at(event, 0, 10, 30),
        language="es",
    )
    talk.presenters.add(PersonFactory(first_name="Ana", last_name="Ruiz"))
    talk.presenting_organisations.add(organisation)
    SessionFactory(
        event=event, kind="study_visit", capacity=25, starts_at=at(event, 1, 9), ends_at=at(event, 1, 13)
    )
    SessionFactory(
        event=event, kind="study_visit", capacity=25, starts_at=at(event, 1, 9), ends_at=at(event, 1, 13)
    )
    return event


def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMA_IN_REPO if SCHEMA_IN_REPO.exists() else XSD))


def test_frab_xml_validates_against_the_schedule_schema(client, event):
    response = client.get("/en/secon/events/caceres/schedule.xml")
    assert response.status_code == 200
    schema().validate(response.content.decode())
    assert b"<start>09:00</start>" in response.content
    assert b"<duration>01:30</duration>" in response.content


def test_frab_json_lists_days_rooms_and_sessions_in_the_event_zone(client, event):
    data = json.loads(client.get("/es/secon/events/caceres/schedule.json").content)
    conference = data["schedule"]["conference"]
    assert conference["time_zone_name"] == "Europe/Madrid"
    assert conference["daysCount"] == 4
    first_day = conference["days"][0]
    [(room, sessions)] = first_day["rooms"].items()
    assert room == "Edificio & Co <main> – Sala 1"
    assert sessions[0]["title"] == "ACTYVA presenta"
    assert sessions[0]["date"].endswith("+01:00") or sessions[0]["date"].endswith("+02:00")
    assert [p["public_name"] for p in sessions[0]["persons"]] == ["Ana Ruiz", "ACTYVA"]


def test_event_and_session_icalendar_with_vtimezone(client, event):
    calendar = icalendar.Calendar.from_ical(client.get("/en/secon/events/caceres/calendar.ics").content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Madrid"]
    assert len(calendar.walk("VEVENT")) == 4  # the event and its three sessions
    session = event.sessions.first()
    one = icalendar.Calendar.from_ical(
        client.get(f"/en/secon/events/caceres/sessions/{session.pk}/calendar.ics").content
    )
    [entry] = one.walk("VEVENT")
    assert entry["DTSTART"].dt.hour == 9
    assert entry["DTSTART"].params["TZID"] == "Europe/Madrid"


def test_personal_agenda_has_only_the_chosen_study_visit(client, event):
    first_visit = event.sessions.filter(kind="study_visit").first()
    registration = registrations.register_participant(
        event=event, sessions=[first_visit], **registration_values(1)
    )
    content = client.get(f"/en/secon/events/caceres/me/{make_token(registration)}/agenda.ics").content
    entries = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert len(entries) == 3  # event, talk, the chosen visit


def test_participants_csv_and_xlsx(organiser_client, event):
    client = organiser_client(event)
    registrations.register_participant(event=event, **registration_values(1, last_name="=HYPERLINK()"))
    response = client.get("/en/secon/events/caceres/manage/registrations.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["No.", "Status", "First name"]
    assert rows[1][3] == "'=HYPERLINK()"
    workbook = load_workbook(
        io.BytesIO(client.get("/en/secon/events/caceres/manage/registrations.xlsx").content)
    )
    assert workbook.active["E2"].value == "ana1@example.org"
    # Stored as text, not as a formula: the spreadsheet shows it as typed and runs nothing.
    assert workbook.active["D2"].value == "=HYPERLINK()"
    assert workbook.active["D2"].data_type == "s"


def _pdf_text(content: bytes, tmp_path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdfs_programme_attendance_and_certificate(client, organiser_client, event, tmp_path):
    programme = client.get("/es/secon/events/caceres/programme.pdf")
    assert programme["Content-Type"] == "application/pdf"
    text = _pdf_text(programme.content, tmp_path)
    assert "ACTYVA presenta" in text and "Europe/Madrid" in text
    registration = registrations.register_participant(event=event, **registration_values(1, language="de"))
    attendance.check_in(actor=SYSTEM, registration=registration, day=event.start_date)
    staff = organiser_client(event)
    sheet = staff.get(f"/en/secon/events/caceres/manage/attendance/{event.start_date.isoformat()}.pdf")
    text = _pdf_text(sheet.content, tmp_path)
    assert "GARCÍA 1, Ana" in text and "Signature" in text
    certificate = client.get(f"/en/secon/events/caceres/me/{make_token(registration)}/certificate.pdf")
    text = _pdf_text(certificate.content, tmp_path)
    assert "Ana García 1" in text
    with translation.override("de"):
        assert event.start_date.strftime("%Y") in text


def test_certificate_needs_attendance(client, event):
    registration = registrations.register_participant(event=event, **registration_values(1))
    assert (
        client.get(f"/en/secon/events/caceres/me/{make_token(registration)}/certificate.pdf").status_code
        == 404
    )


def test_frab_xml_export_function_escapes_text(event):
    event = Event.objects.get(pk=event.pk)
    sessions = schedule.list_schedule(event=event, audience="organisers")
    content = exporters.frab_xml(event=event, sessions=sessions, language="en", base_url="https://x")
    schema().validate(content.decode())
    assert b"Edificio &amp; Co &lt;main&gt;" in content


def test_the_pdf_renderer_refuses_an_agenda_of_absurd_length(event):
    """A 10,000-day agenda took two minutes to render; the renderer refuses it before rendering."""
    from secon.events.exporters import render_pdf
    from secon.events.selectors import AgendaDay

    days = [AgendaDay(day=event.start_date + datetime.timedelta(days=n)) for n in range(10_000)]
    with pytest.raises(ValueError):
        render_pdf("events/pdf/programme.html", {"event": event, "days": days}, language="en")


def test_a_long_event_stored_before_the_bound_shows_at_most_31_days(event):
    event.end_date = event.start_date + datetime.timedelta(days=10_000)
    assert len(event.days) == 31


def test_a_programme_whose_stored_sessions_span_months_is_refused_not_rendered(client, event):
    """Sessions stored before the bounds, one a day for 40 days: no two-minute PDF, no 500."""
    for day in range(40):
        SessionFactory(event=event, starts_at=at(event, day, 9), ends_at=at(event, day, 10))
    assert client.get("/en/secon/events/caceres/programme.pdf").status_code == 404
