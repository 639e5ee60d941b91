import datetime

import icalendar
import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from secon.core.models import AuditEntry
from secon.events import services
from secon.events.links import LinkExpired, LinkInvalid, make_token, read_token
from secon.events.models import Attendance, Registration, Signup
from secon.events.selectors import (
    agenda_warnings,
    find_registration,
    places_left,
    waiting_position,
)
from secon.organisations.models import Consent
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at, registration_values
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def register(event, n=0, **overrides):
    return services.register_participant(event=event, **registration_values(n, **overrides))


# --- agenda validation ------------------------------------------------------------------------


def test_session_ending_before_it_starts_is_refused():
    event = EventFactory()
    with pytest.raises(ValidationError) as error:
        services.add_session(
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
        services.add_session(
            actor=None,
            event=event,
            kind="networking",
            title={"en": "Late"},
            starts_at=at(event, 3, 23, 30),
            ends_at=at(event, 3, 23, 30) + datetime.timedelta(hours=1),
        )
    assert "starts_at" in error.value.message_dict
    # A session ending exactly at midnight of the last day is inside.
    services.add_session(
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
    services.add_session(
        title={"en": "A"}, starts_at=at(event, 0, 9), ends_at=at(event, 0, 10), room="Hall", **common
    )
    with pytest.raises(ValidationError) as error:
        services.add_session(
            title={"en": "B"}, starts_at=at(event, 0, 9, 30), ends_at=at(event, 0, 11), room="hall", **common
        )
    assert "venue" in error.value.message_dict
    services.add_session(
        title={"en": "C"}, starts_at=at(event, 0, 9, 30), ends_at=at(event, 0, 11), room="Room 2", **common
    )
    warnings = agenda_warnings(event=event)
    assert [(w.session.title["en"], w.other.title["en"], w.kind) for w in warnings] == [("A", "C", "overlap")]


def test_session_changes_are_logged():
    event = EventFactory()
    session = services.add_session(
        actor=None,
        event=event,
        kind="opening",
        title={"en": "Welcome"},
        starts_at=at(event, 0, 9),
        ends_at=at(event, 0, 9, 30),
    )
    services.update_session(actor=None, session=session, title={"en": "Welcome and coffee"})
    entry = AuditEntry.objects.filter(model="events.session", object_id=str(session.pk)).first()
    assert entry.changes["title"] == [{"en": "Welcome"}, {"en": "Welcome and coffee"}]


# --- registration -----------------------------------------------------------------------------


def test_registration_records_person_consents_and_confirmation(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=10)
    SessionFactory(event=event, title={"en": "Welcome", "es": "Bienvenida"})
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, language="es")
    assert registration.status == "confirmed"
    consents = {c.kind: c.granted for c in Consent.objects.filter(person=registration.person)}
    assert consents == {"terms": True, "photos": False, "share_contact": True, "public_list": False}
    assert places_left(event=event) == 9
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Reunión" in message.subject  # the event's title in the person's language
    assert make_token(registration)[:10] in message.body or "/es/" in message.body
    names = [name for name, _content, _type in message.attachments]
    assert names == ["event.ics", "check-in-code.png"]
    calendar = icalendar.Calendar.from_ical(message.attachments[0][1])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Madrid"]
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Reunión " + event.slug, "Bienvenida"]
    assert calendar.walk("VEVENT")[1]["DTSTART"].dt.tzinfo.key == "Europe/Madrid"


def test_same_email_twice_is_refused_and_nothing_saved():
    event = EventFactory()
    register(event, 1)
    with pytest.raises(ValidationError) as error:
        register(event, 2, email="ANA1@example.org")
    assert "email" in error.value.message_dict
    assert Registration.objects.filter(event=event).count() == 1


def test_terms_must_be_accepted():
    event = EventFactory()
    with pytest.raises(ValidationError) as error:
        register(event, consents={"terms": False})
    assert "terms" in error.value.message_dict
    assert not Registration.objects.exists()


def test_registration_after_the_deadline_or_in_a_draft_is_refused():
    event = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="closed"):
        register(event)
    draft = EventFactory(status="draft")
    with pytest.raises(ValidationError):
        register(draft)
    invitation = EventFactory(is_public=False)
    with pytest.raises(ValidationError):
        register(invitation)
    assert services.register_participant(event=invitation, by_organiser=True, **registration_values(9))


def test_full_event_puts_people_on_the_waiting_list_or_refuses_without_one():
    event = EventFactory(capacity=1)
    first = register(event, 1)
    second = register(event, 2)
    third = register(event, 3)
    assert [first.status, second.status, third.status] == ["confirmed", "waiting", "waiting"]
    assert waiting_position(registration=third) == 2
    closed = EventFactory(capacity=1, waiting_list=False)
    register(closed, 4)
    with pytest.raises(ValidationError, match="full"):
        register(closed, 5)


def test_cancellation_promotes_the_first_waiting_and_tells_them(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first = register(event, 1)
    second = register(event, 2, language="de")
    register(event, 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first)
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["ana2@example.org"]]
    # Re-registering after a cancellation is allowed.
    assert register(event, 1).status == "waiting"


def test_delegate_quota_per_partner():
    event = EventFactory(delegate_quota=1)
    partner = PartnerFactory(project=event.project)
    assert register(event, 1, partner=partner).status == "confirmed"
    assert register(event, 2, partner=partner).status == "waiting"
    assert register(event, 3).status == "confirmed"


def test_approval_keeps_registrations_pending_until_confirmed():
    event = EventFactory(requires_approval=True)
    registration = register(event)
    assert registration.status == "pending"
    services.confirm_registration(actor=None, registration=registration)
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_sessions_in_one_time_slot_cannot_both_be_chosen():
    event = EventFactory()
    a = SessionFactory(event=event, capacity=5, starts_at=at(event, 1, 9), ends_at=at(event, 1, 13))
    b = SessionFactory(event=event, capacity=5, starts_at=at(event, 1, 12), ends_at=at(event, 1, 14))
    c = SessionFactory(event=event, capacity=5, starts_at=at(event, 1, 15), ends_at=at(event, 1, 17))
    with pytest.raises(ValidationError) as error:
        register(event, sessions=[a, b])
    assert "sessions" in error.value.message_dict
    assert not Registration.objects.exists()
    registration = register(event, sessions=[a, c])
    assert registration.signups.filter(status="confirmed").count() == 2


def test_session_waiting_list_and_promotion_on_change(django_capture_on_commit_callbacks):
    event = EventFactory()
    visit = SessionFactory(event=event, kind="study_visit", capacity=1)
    other = SessionFactory(event=event, kind="study_visit", capacity=1)
    first = register(event, 1, sessions=[visit])
    second = register(event, 2, sessions=[visit])
    assert list(Signup.objects.filter(session=visit).values_list("status", flat=True)) == [
        "confirmed",
        "waiting",
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_registration(registration=first, sessions=[other])
    assert Signup.objects.get(registration=second, session=visit).status == "confirmed"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana2@example.org"]


def test_personal_link_forged_or_expired_is_refused():
    event = EventFactory()
    registration = register(event)
    token = make_token(registration)
    assert find_registration(token=token) == registration
    with pytest.raises(LinkInvalid):
        read_token(token[:-2] + "xx")
    with pytest.raises(LinkExpired):
        read_token(token, now=(event.ends_at() + datetime.timedelta(days=400)).timestamp())


def test_check_in_records_attendance_once_per_day_and_session():
    event = EventFactory()
    session = SessionFactory(event=event, starts_at=at(event, 1, 9), ends_at=at(event, 1, 10))
    registration = register(event)
    services.check_in(actor=None, registration=registration, session=session)
    services.check_in(
        actor=None, registration=registration, day=event.start_date + datetime.timedelta(days=1)
    )
    assert Attendance.objects.filter(registration=registration).count() == 2  # the day and the session
    waiting = register(EventFactory(capacity=0), 2)
    with pytest.raises(ValidationError):
        services.check_in(actor=None, registration=waiting, day=waiting.event.start_date)
