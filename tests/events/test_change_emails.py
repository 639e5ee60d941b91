"""Participants hear of every change they did not make themselves, in the language they chose."""

import datetime

import pytest

from django.core import mail

from secon.accounts.services import grant_role
from secon.events.services import agenda, registrations
from tests.events.factories import EventFactory, SessionFactory, VenueFactory, at, register
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", content_languages=["en", "es", "el"])
    return EventFactory(
        project=project,
        slug="caceres",
        title={"en": "Meeting in Cáceres", "es": "Reunión en Cáceres", "el": "Συνάντηση στο Κάθερες"},
        capacity=1,
    )


@pytest.fixture
def organiser(event):
    user = UserFactory(email="organiser@example.org")
    grant_role(actor=None, user=user, project=event.project, role="coordinator")
    return user


def sent(capture, action):
    mail.outbox.clear()
    with capture(execute=True):
        result = action()
    return result, list(mail.outbox)


def test_an_organiser_cancelling_tells_the_participant_in_their_language(
    event, organiser, django_capture_on_commit_callbacks
):
    maria = register(event, 1, language="es")
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: registrations.cancel_registration(actor=organiser, registration=maria),
    )
    [message] = outbox
    assert message.to == ["ana1@example.org"]
    assert message.subject == "Su inscripción está cancelada: Reunión en Cáceres"
    assert "organización de «Reunión en Cáceres» ha cancelado su inscripción" in message.body


def test_cancelling_oneself_sends_no_cancellation_notice(event, django_capture_on_commit_callbacks):
    maria = register(event, 1)
    _result, outbox = sent(
        django_capture_on_commit_callbacks, lambda: registrations.cancel_registration(registration=maria)
    )
    assert outbox == []


def test_moving_to_the_waiting_list_tells_both_people(event, organiser, django_capture_on_commit_callbacks):
    first = register(event, 1)
    second = register(event, 2)  # waits: one place only
    registrations.cancel_registration(registration=first)  # second is promoted
    second.refresh_from_db()
    assert second.status == "confirmed"
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: registrations.move_to_waiting_list(actor=organiser, registration=second),
    )
    [message] = outbox
    assert message.to == ["ana2@example.org"]
    assert message.subject == "You are on the waiting list: Meeting in Cáceres"
    assert "moved your registration to the waiting list" in message.body
    assert "/en/secon/events/caceres/me/" in message.body
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: registrations.confirm_registration(actor=organiser, registration=second),
    )
    assert [m.subject for m in outbox] == ["A place is free for you: Meeting in Cáceres"]


def test_cancelling_the_event_tells_everyone_registered(event, organiser, django_capture_on_commit_callbacks):
    register(event, 1, language="el")
    register(event, 2)  # waiting
    cancelled = register(event, 3)
    registrations.cancel_registration(registration=cancelled)
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: agenda.update_event(actor=organiser, event=event, status="cancelled"),
    )
    assert sorted(m.to[0] for m in outbox) == ["ana1@example.org", "ana2@example.org"]
    subjects = {m.to[0]: m.subject for m in outbox}
    assert subjects["ana1@example.org"] == "Ακυρώθηκε: Συνάντηση στο Κάθερες"
    assert subjects["ana2@example.org"] == "Cancelled: Meeting in Cáceres"
    # Saving the cancelled event again tells nobody again.
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: agenda.update_event(actor=organiser, event=event, city="Mérida"),
    )
    assert outbox == []


def test_new_dates_or_place_are_announced_with_the_new_calendar(
    event, organiser, django_capture_on_commit_callbacks
):
    register(event, 1)
    later = event.start_date + datetime.timedelta(days=7)
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: agenda.update_event(
            actor=organiser, event=event, start_date=later, end_date=later + datetime.timedelta(days=1)
        ),
    )
    [message] = outbox
    assert message.subject == "Changed: Meeting in Cáceres"
    assert "the organisers have changed the dates of “Meeting in Cáceres”" in message.body
    assert [name for name, _c, _t in message.attachments] == ["event.ics", "check-in-code.png"]
    venue = VenueFactory(project=event.project, name="Palacio de Congresos")
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: agenda.update_event(actor=organiser, event=event, venues=[venue]),
    )
    [message] = outbox
    assert "changed the place" in message.body and "Palacio de Congresos" in message.body
    # A change of the description alone sends nothing.
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: agenda.update_event(actor=organiser, event=event, description={"en": "New text"}),
    )
    assert outbox == []


def test_a_moved_or_removed_session_is_announced_to_those_signed_up(
    event, organiser, django_capture_on_commit_callbacks
):
    event.capacity = 10
    event.save()
    visit = SessionFactory(event=event, kind="study_visit", capacity=5, title={"en": "Visit to REMUDARTE"})
    SessionFactory(event=event, kind="study_visit", capacity=5, title={"en": "Other visit"})
    registrations.register_participant(
        event=event,
        sessions=[visit],
        first_name="Ana",
        last_name="Signed",
        email="signed@example.org",
        language="en",
        consents={"terms": True},
    )
    register(event, 2)  # not signed up for the visit
    _result, outbox = sent(
        django_capture_on_commit_callbacks,
        lambda: agenda.update_session(
            actor=organiser, session=visit, starts_at=at(event, 1, 15), ends_at=at(event, 1, 17)
        ),
    )
    [message] = outbox
    assert message.to == ["signed@example.org"]
    assert message.subject == "Changed: “Visit to REMUDARTE”"
    assert "changed the time of “Visit to REMUDARTE”" in message.body
    assert "17:00 (Europe/Madrid)" in message.body  # the new end, in the event's time zone, 24-hour clock
    _result, outbox = sent(
        django_capture_on_commit_callbacks, lambda: agenda.delete_session(actor=organiser, session=visit)
    )
    [message] = outbox
    assert message.to == ["signed@example.org"]
    assert message.subject == "Removed from the programme: “Visit to REMUDARTE”"
