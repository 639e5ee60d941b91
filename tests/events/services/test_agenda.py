"""The agenda services: sessions in the event's days and zone, no double bookings, the practices shown."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from secon.core.models import AuditEntry
from secon.events.models import Session
from secon.events.selectors import (
    agenda_warnings,
)
from secon.events.services import agenda
from tests.events.factories import (
    EventFactory,
    SessionFactory,
    VenueFactory,
    at,
    published,
    session_url,
    session_values,
)
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_session_ending_before_it_starts_is_refused():
    event = EventFactory()
    with pytest.raises(ValidationError) as error:
        agenda.add_session(
            actor=None,
            event=event,
            kind="presentation",
            title={"en": "Talk"},
            starts_at=at(event, 0, 10),
            ends_at=at(event, 0, 9),
        )
    assert "ends_at" in error.value.message_dict
    assert not event.sessions.exists()


def test_session_outside_the_event_days_is_refused_in_the_event_zone():
    event = EventFactory()
    # 23:30 in Madrid on the last day ends at 00:30 the next day (in Madrid): outside.
    with pytest.raises(ValidationError) as error:
        agenda.add_session(
            actor=None,
            event=event,
            kind="networking",
            title={"en": "Late"},
            starts_at=at(event, 3, 23, 30),
            ends_at=at(event, 3, 23, 30) + datetime.timedelta(hours=1),
        )
    assert "starts_at" in error.value.message_dict
    # A session ending exactly at midnight of the last day is inside.
    agenda.add_session(
        actor=None,
        event=event,
        kind="networking",
        title={"en": "Dinner"},
        starts_at=at(event, 3, 22),
        ends_at=at(event, 4, 0),
    )


def test_double_booked_venue_is_refused_but_another_room_is_fine():
    event = EventFactory()
    venue = VenueFactory(project=event.project)
    common = {"actor": None, "event": event, "kind": "presentation", "venue": venue}
    agenda.add_session(
        title={"en": "A"}, starts_at=at(event, 0, 9), ends_at=at(event, 0, 10), room="Hall", **common
    )
    with pytest.raises(ValidationError) as error:
        agenda.add_session(
            title={"en": "B"}, starts_at=at(event, 0, 9, 30), ends_at=at(event, 0, 11), room="hall", **common
        )
    assert "venue" in error.value.message_dict
    agenda.add_session(
        title={"en": "C"}, starts_at=at(event, 0, 9, 30), ends_at=at(event, 0, 11), room="Room 2", **common
    )
    warnings = agenda_warnings(event=event)
    assert [(w.session.title["en"], w.other.title["en"], w.kind) for w in warnings] == [("A", "C", "overlap")]


def test_session_changes_are_logged():
    event = EventFactory()
    session = agenda.add_session(
        actor=None,
        event=event,
        kind="opening",
        title={"en": "Welcome"},
        starts_at=at(event, 0, 9),
        ends_at=at(event, 0, 9, 30),
    )
    agenda.update_session(actor=None, session=session, title={"en": "Welcome and coffee"})
    entry = AuditEntry.objects.filter(model="events.session", object_id=str(session.pk)).first()
    assert entry.changes["title"] == [{"en": "Welcome"}, {"en": "Welcome and coffee"}]


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    return EventFactory(
        project=project,
        slug="caceres",
        title={"en": "Project meeting in Cáceres", "es": "Reunión del proyecto en Cáceres"},
    )


def test_a_session_records_the_practices_it_presented_and_the_audit_log_says_so(event):
    practice = published(event.project)
    session = agenda.add_session(actor=None, event=event, practices=[practice], **session_values(event))
    assert list(session.practices.all()) == [practice]
    assert list(practice.sessions.all()) == [session]
    created = AuditEntry.objects.get(model="events.session", object_id=str(session.pk), action="create")
    assert created.changes["practices"] == [[], [practice.pk]]

    other = published(event.project, title="PLACEAT")
    agenda.update_session(actor=None, session=session, practices=[other])
    assert list(session.practices.all()) == [other]
    updated = AuditEntry.objects.get(model="events.session", object_id=str(session.pk), action="update")
    assert updated.changes["practices"] == [[practice.pk], [other.pk]]

    agenda.update_session(actor=None, session=session, title={"en": "REMUDARTE and PLACEAT"})
    assert list(session.practices.all()) == [other], "leaving practices out keeps the links"


def test_another_projects_practice_is_refused_and_nothing_is_saved(event):
    foreign = published(ProjectFactory(slug="other-project"))
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        agenda.add_session(actor=None, event=event, practices=[foreign], **session_values(event))
    assert "practices" in error.value.message_dict
    assert not Session.objects.filter(event=event).exists()
    assert AuditEntry.objects.count() == entries

    own = published(event.project)
    session = agenda.add_session(actor=None, event=event, practices=[own], **session_values(event))
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        agenda.update_session(
            actor=None, session=session, practices=[own, foreign], title={"en": "Changed title"}
        )
    assert "practices" in error.value.message_dict
    session.refresh_from_db()
    assert session.title["en"] == "REMUDARTE"
    assert list(session.practices.all()) == [own]
    assert AuditEntry.objects.count() == entries


def test_an_unpublished_practice_cannot_be_linked(event):
    draft = published(event.project, status="submitted")
    with pytest.raises(ValidationError) as error:
        agenda.add_session(actor=None, event=event, practices=[draft], **session_values(event))
    assert "practices" in error.value.message_dict
    assert not Session.objects.filter(event=event).exists()


def test_linking_refreshes_the_cached_session_and_practice_pages(
    client, event, django_capture_on_commit_callbacks
):
    practice = published(event.project, title="Cooprado's shepherd school")
    session = SessionFactory(event=event, title={"en": "Study visit: the shepherd school"})
    practice_url = f"/en/secon/practices/{practice.pk}/"
    assert 'id="practices"' not in client.get(session_url(session)).content.decode()
    assert "Study visit: the shepherd school" not in client.get(practice_url).content.decode()
    assert client.get(practice_url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(actor=None, session=session, practices=[practice])
    assert "Cooprado&#x27;s shepherd school" in client.get(session_url(session)).content.decode()
    assert "Study visit: the shepherd school" in client.get(practice_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_event(actor=None, event=event, title={"en": "Meeting in Extremadura"})
    assert "Meeting in Extremadura" in client.get(practice_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(actor=None, session=session, practices=[])
    assert "Study visit: the shepherd school" not in client.get(practice_url).content.decode()
    assert 'id="practices"' not in client.get(session_url(session)).content.decode()


def test_deleting_a_session_refreshes_the_practice_page(client, event, django_capture_on_commit_callbacks):
    practice = published(event.project)
    session = agenda.add_session(actor=None, event=event, practices=[practice], **session_values(event))
    practice_url = f"/en/secon/practices/{practice.pk}/"
    assert "Presented or visited at" in client.get(practice_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agenda.delete_session(actor=None, session=session)
    assert "Presented or visited at" not in client.get(practice_url).content.decode()


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (datetime.date(9999, 12, 28), datetime.date(9999, 12, 31), "start_date"),
        (datetime.date(1, 1, 1), datetime.date(1, 1, 2), "start_date"),
        (datetime.date(2100, 12, 31), datetime.date(2101, 1, 1), "end_date"),
        (datetime.date(2026, 1, 1), datetime.date(2053, 5, 18), "end_date"),  # 10,000 days
        (datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), "end_date"),  # 32 days
    ],
)
def test_event_dates_outside_the_years_or_longer_than_a_month_are_refused(start, end, field):
    project = ProjectFactory()
    with pytest.raises(ValidationError) as error:
        agenda.create_event(
            actor=None,
            project=project,
            slug="odd",
            kind="project_meeting",
            title={"en": "Odd"},
            start_date=start,
            end_date=end,
            time_zone="Europe/Madrid",
        )
    assert field in error.value.message_dict
    assert not project.events.exists()


def test_an_event_of_31_days_is_fine():
    event = agenda.create_event(
        actor=None,
        project=ProjectFactory(),
        slug="month",
        kind="project_meeting",
        title={"en": "A month"},
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 1, 31),
        time_zone="Europe/Madrid",
    )
    assert len(event.days) == 31


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"capacity": 99_999_999_999_999}, "capacity"),
        ({"delegate_quota": 99_999_999_999_999}, "delegate_quota"),
        ({"delegate_quota": 32_768}, "delegate_quota"),
        (
            {"registration_opens_at": datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)},
            "registration_opens_at",
        ),
    ],
)
def test_numbers_and_moments_beyond_what_the_databases_store_are_refused(values, field):
    """SQLite would store them; PostgreSQL would not, and a later restore there would fail."""
    event = EventFactory()
    with pytest.raises(ValidationError) as error:
        agenda.update_event(actor=None, event=event, **values)
    assert field in error.value.message_dict


def test_a_session_capacity_beyond_what_postgresql_stores_is_refused():
    event = EventFactory()
    with pytest.raises(ValidationError) as error:
        agenda.add_session(actor=None, event=event, **session_values(event), capacity=2**31)
    assert "capacity" in error.value.message_dict
