"""iCalendar files: each session's entry is reused while what it shows is unchanged, and a calendar
of reused entries is the calendar built from nothing (with the stamp of its own request)."""

import icalendar
import pytest
from freezegun import freeze_time

from secon.events.services import agenda
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at
from tests.factories import ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def event():
    event = EventFactory(project=ProjectFactory(slug="secon"), slug="caceres", time_zone="Europe/Madrid")
    venue = VenueFactory(project=event.project, name="Casa de Cultura", address="Plaza Mayor 1")
    for n in range(6):
        SessionFactory(
            event=event,
            venue=venue,
            title={"en": f"Session {n}; with, commas\\ and a long title " + "x" * 80},
            starts_at=at(event, n % 2, 9 + n),
            ends_at=at(event, n % 2, 9 + n, 45),
        )
    return event


def calendar(client, event) -> bytes:
    response = client.get(f"/en/{event.project.slug}/events/{event.slug}/calendar.ics")
    assert response.status_code == 200
    return response.content


def test_a_calendar_of_reused_entries_is_the_calendar_built_from_nothing(
    client, event, fragments, django_capture_on_commit_callbacks
):
    calendar(client, event)
    session = event.sessions.order_by("pk")[2]
    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(actor=None, session=session, title={"en": "Renamed visit"}, room="Hall B")
    with freeze_time("2026-12-01 10:15:30"):
        reused = calendar(client, event)
        fragments.clear()
        fresh = calendar(client, event)
    assert reused == fresh
    parsed = icalendar.Calendar.from_ical(reused)
    entries = parsed.walk("VEVENT")
    assert len(entries) == 7  # the event and its six sessions
    assert {str(entry["DTSTAMP"].to_ical(), "ascii") for entry in entries} == {"20261201T101530Z"}
    assert "Renamed visit" in {str(entry["SUMMARY"]) for entry in entries}
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Madrid"]
    assert str(entries[1]["SUMMARY"]).startswith("Session 0; with, commas\\ and")
