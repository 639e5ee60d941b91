"""Erasing a person: figures stay right, names and addresses go — from the audit log too."""

import pytest

from django.core.exceptions import ValidationError

from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.events.enums import HOLDS_PLACE
from secon.events.holds import HeldRegistration
from secon.events.models import Attendance, Registration
from secon.events.services import attendance, registrations
from secon.mail.models import Email
from secon.organisations import erasure
from secon.organisations.models import Consent, Person
from secon.organisations.services import update_person
from tests.events.factories import EventFactory, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(project=ProjectFactory(slug="secon"), slug="caceres", capacity=10)


@pytest.fixture
def registration(event):
    return registrations.register_participant(
        event=event,
        **registration_values(
            first_name="Eleni",
            last_name="Papadopoulou",
            email="eleni.p@example.org",
            organisation_name="Kalamata Cooperative",
            dietary_needs="no gluten",
        ),
    )


def _audit_text() -> str:
    return " ".join(f"{entry.object_repr} {entry.changes}" for entry in AuditEntry.objects.all())


def test_erasure_keeps_the_counts_and_removes_the_person(event, registration):
    other = registrations.register_participant(event=event, **registration_values(2))
    attendance.check_in(actor=SYSTEM, registration=registration, day=event.start_date)
    attended_before = Attendance.objects.filter(registration__event=event).count()
    assert attended_before == 1
    assert "Papadopoulou" in _audit_text() and "eleni.p@example.org" in _audit_text()
    HeldRegistration.objects.create(
        project=event.project, event=event, email="eleni.p@example.org", language="en"
    )

    result = erasure.erase_person(actor=None, person=registration.person)

    person = Person.objects.get(pk=registration.person_id)
    assert person.erased_at is not None
    assert "Eleni" not in str(person) and "Papadopoulou" not in str(person)
    assert person.email.endswith("@erased.invalid")
    assert person.organisation is None
    assert not Consent.objects.filter(person=person).exists()
    assert not Email.objects.filter(recipient="eleni.p@example.org").exists()
    assert not HeldRegistration.objects.exists()
    registration.refresh_from_db()
    assert (registration.organisation_name, registration.dietary_needs) == ("", "")
    # The figures do not move: the place, the status, the attendance are kept.
    assert Registration.objects.filter(event=event, status__in=HOLDS_PLACE).count() == 2
    assert Attendance.objects.filter(registration__event=event).count() == attended_before
    # The audit log keeps who did what and when, without the personal values.
    text = _audit_text()
    for value in ("Eleni", "Papadopoulou", "eleni.p@example.org", "no gluten", "Kalamata Cooperative"):
        assert value not in text, value
    assert "[erased]" in text
    assert result.audit_entries >= 2
    # The other participant is untouched.
    other.person.refresh_from_db()
    assert other.person.erased_at is None and other.person.last_name == "García 2"


def test_a_legal_hold_refuses_erasure_and_changes_nothing(event, registration):
    person = update_person(actor=None, person=registration.person, legal_hold=True)
    with pytest.raises(ValidationError) as error:
        erasure.erase_person(actor=None, person=person)
    assert "legal hold" in error.value.messages[0]
    person.refresh_from_db()
    assert person.last_name == "Papadopoulou" and person.erased_at is None
    assert Consent.objects.filter(person=person).exists()
    assert "Papadopoulou" in _audit_text()


def test_erasing_twice_says_so(event, registration):
    erasure.erase_person(actor=None, person=registration.person)
    with pytest.raises(ValidationError) as error:
        erasure.erase_person(actor=None, person=registration.person)
    assert "erased already" in error.value.messages[0]


def test_a_participant_erases_their_data_from_the_personal_page(client, event, registration):
    from secon.events.links import make_token

    page = f"/en/secon/events/caceres/me/{make_token(registration)}/"
    assert "Erase my personal data" in client.get(page).content.decode()
    asked = client.post(page, {"action": "erase"})
    assert asked.status_code == 200
    assert "Do you really want to erase" in asked.content.decode()
    assert Person.objects.get(pk=registration.person_id).erased_at is None
    done = client.post(page, {"action": "erase", "confirmed": "yes"})
    assert done.status_code == 200
    assert "Your personal data are erased" in done.content.decode()
    assert Person.objects.get(pk=registration.person_id).erased_at is not None
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_a_participant_under_legal_hold_is_told_why(client, event, registration):
    from secon.events.links import make_token

    update_person(actor=None, person=registration.person, legal_hold=True)
    page = f"/en/secon/events/caceres/me/{make_token(registration)}/"
    response = client.post(page, {"action": "erase", "confirmed": "yes"}, follow=True)
    assert response.status_code == 200
    assert "legal hold" in response.content.decode()
    assert Person.objects.get(pk=registration.person_id).erased_at is None
