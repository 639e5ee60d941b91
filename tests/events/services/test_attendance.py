"""Check-in: once per day and session."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from secon.events.models import Attendance
from secon.events.services import attendance
from tests.events.factories import (
    EventFactory,
    SessionFactory,
    at,
    register,
)

pytestmark = pytest.mark.django_db


def test_check_in_records_attendance_once_per_day_and_session():
    event = EventFactory()
    session = SessionFactory(event=event, starts_at=at(event, 1, 9), ends_at=at(event, 1, 10))
    registration = register(event)
    attendance.check_in(actor=None, registration=registration, session=session)
    attendance.check_in(
        actor=None, registration=registration, day=event.start_date + datetime.timedelta(days=1)
    )
    assert Attendance.objects.filter(registration=registration).count() == 2  # the day and the session
    waiting = register(EventFactory(capacity=0), 2)
    with pytest.raises(ValidationError):
        attendance.check_in(actor=None, registration=waiting, day=waiting.event.start_date)
