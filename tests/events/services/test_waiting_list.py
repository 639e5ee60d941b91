"""Places and waiting lists: who waits, who is promoted and told, delegate quotas."""

import pytest

from django.core import mail
from django.core.exceptions import ValidationError

from secon.events.models import Signup
from secon.events.selectors import (
    waiting_position,
)
from secon.events.services import registrations
from tests.events.factories import EventFactory, SessionFactory, register
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


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
        registrations.cancel_registration(registration=first)
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["ana2@example.org"]]
    # Re-registering after a cancellation is allowed.
    assert register(event, 1, address_proven=True).status == "waiting"


def test_delegate_quota_per_partner():
    event = EventFactory(delegate_quota=1)
    partner = PartnerFactory(project=event.project)
    assert register(event, 1, partner=partner).status == "confirmed"
    assert register(event, 2, partner=partner).status == "waiting"
    assert register(event, 3).status == "confirmed"


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
        registrations.change_registration(registration=first, sessions=[other])
    assert Signup.objects.get(registration=second, session=visit).status == "confirmed"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana2@example.org"]
