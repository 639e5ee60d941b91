"""Registering, changing and cancelling: consents, one registration per person, the deadline, sessions."""

import datetime

import icalendar
import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from secon.accounts.services import grant_role
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.events.holds import HeldRegistration
from secon.events.links import make_token
from secon.events.models import Registration
from secon.events.selectors import (
    places_left,
)
from secon.events.services import registrations
from secon.organisations.models import Consent
from secon.organisations.services import record_consents
from tests.events.factories import (
    EventFactory,
    SessionFactory,
    at,
    register,
    registration_values,
)
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


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


def test_each_consent_of_a_registration_has_its_own_audit_entry():
    registration = register(EventFactory(capacity=10))
    consents = Consent.objects.filter(person=registration.person)
    entries = AuditEntry.objects.filter(model="organisations.consent", action="create")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(c.pk) for c in consents)
    logged = {entry.changes["kind"][1]: entry.changes["granted"][1] for entry in entries}
    assert logged == {"terms": True, "photos": False, "share_contact": True, "public_list": False}


def test_an_unknown_consent_kind_records_none_of_the_consents():
    person = PersonFactory()
    with pytest.raises(ValueError, match="sharing_secrets"):
        record_consents(actor=None, person=person, granted={"terms": True, "sharing_secrets": True})
    assert not Consent.objects.filter(person=person).exists()
    assert not AuditEntry.objects.filter(model="organisations.consent").exists()


def test_same_email_twice_is_refused_and_nothing_saved():
    event = EventFactory()
    register(event, 1)
    # Typed by anyone, a known address is only held for its owner to confirm (see test_holds) …
    assert isinstance(register(event, 2, email="ANA1@example.org"), HeldRegistration)
    # … and once its owner confirms, the second registration is refused.
    with pytest.raises(ValidationError) as error:
        register(event, 2, email="ANA1@example.org", address_proven=True)
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
    assert registrations.register_participant(
        actor=SYSTEM, event=invitation, by_organiser=True, **registration_values(9)
    )


def test_approval_keeps_registrations_pending_until_confirmed():
    event = EventFactory(requires_approval=True)
    registration = register(event)
    assert registration.status == "pending"
    registrations.confirm_registration(actor=None, registration=registration)
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


def test_only_an_organiser_registers_someone_on_their_behalf():
    invitation = EventFactory(is_public=False)
    viewer = UserFactory()
    grant_role(actor=SYSTEM, user=viewer, project=invitation.project, role="viewer")
    for refused in (None, viewer):
        with pytest.raises(PermissionDenied):
            registrations.register_participant(
                actor=refused, event=invitation, by_organiser=True, **registration_values(3)
            )
    assert not Registration.objects.filter(event=invitation).exists()
