"""Check-in: once per day and session."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.accounts.services import grant_role
from secon.core.permissions import SYSTEM
from secon.events.models import Attendance
from secon.events.services import attendance
from tests.events.factories import (
    EventFactory,
    SessionFactory,
    at,
    register,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_check_in_records_attendance_once_per_day_and_session():
    event = EventFactory()
    session = SessionFactory(event=event, starts_at=at(event, 1, 9), ends_at=at(event, 1, 10))
    registration = register(event)
    attendance.check_in(actor=SYSTEM, registration=registration, session=session)
    attendance.check_in(
        actor=SYSTEM, registration=registration, day=event.start_date + datetime.timedelta(days=1)
    )
    assert Attendance.objects.filter(registration=registration).count() == 2  # the day and the session
    waiting = register(EventFactory(capacity=0), 2)
    with pytest.raises(ValidationError):
        attendance.check_in(actor=SYSTEM, registration=waiting, day=waiting.event.start_date)


def test_the_organisation_represented_is_stored_at_registration_and_at_the_first_check_in():
    from secon.organisations.models import Person
    from tests.factories import OrganisationFactory

    before, at_the_event, later = (OrganisationFactory(name=name) for name in ("Before", "At", "Later"))
    event = EventFactory()
    registration = register(event, 4)
    assert registration.organisation is None  # a new person has no organisation yet
    Person.objects.filter(pk=registration.person_id).update(organisation=before)
    second = register(EventFactory(project=event.project), 4, address_proven=True)
    assert second.organisation == before
    Person.objects.filter(pk=registration.person_id).update(organisation=at_the_event)
    attendance.check_in(actor=SYSTEM, registration=registration, day=event.start_date)
    registration.refresh_from_db()
    assert registration.organisation == at_the_event
    Person.objects.filter(pk=registration.person_id).update(organisation=later)
    attendance.check_in(actor=SYSTEM, registration=registration, day=event.start_date + datetime.timedelta(1))
    registration.refresh_from_db()
    assert registration.organisation == at_the_event  # later check-ins keep the event's organisation


def test_only_the_event_s_organisers_check_people_in():
    event = EventFactory()
    registration = register(event)
    viewer, coordinator = UserFactory(), UserFactory()
    grant_role(actor=SYSTEM, user=viewer, project=event.project, role="viewer")
    grant_role(actor=SYSTEM, user=coordinator, project=event.project, role="coordinator")
    for refused in (None, viewer):
        with pytest.raises(PermissionDenied):
            attendance.check_in(actor=refused, registration=registration, day=event.start_date)
    assert not Attendance.objects.exists()
    attendance.check_in(actor=coordinator, registration=registration, day=event.start_date)
    assert Attendance.objects.get().checked_in_by == coordinator
