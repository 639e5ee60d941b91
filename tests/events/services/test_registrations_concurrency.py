"""Capacity holds under load: real threads register at once for a study visit with 25 places."""

import threading

import pytest

from django.db import connection

from secon.events.models import Registration, Signup
from secon.events.services import registrations
from secon.projects.tenancy import scope
from tests.events.factories import EventFactory, SessionFactory, registration_values

THREADS = 200
PLACES = 25


@pytest.fixture(autouse=True)
def _as_installed(database_queue):
    """E-mails go to the database queue in the registration's transaction, as in production."""


def connection_gate() -> threading.BoundedSemaphore:
    """Bound the open database connections: PostgreSQL allows 100 by default (shared by everyone).

    All threads still start together and race; at most this many talk to the database at once.
    """
    return threading.BoundedSemaphore(40 if connection.vendor == "postgresql" else THREADS)


@pytest.mark.django_db(transaction=True)
def test_200_simultaneous_registrations_for_25_places():
    event = EventFactory(capacity=None)
    visit = SessionFactory(event=event, kind="study_visit", capacity=PLACES)
    barrier = threading.Barrier(THREADS)
    gate = connection_gate()
    errors = []

    def register(n: int) -> None:
        barrier.wait()
        with gate:
            try:
                # Each thread stands for a request to the event's page: scoped to its project.
                with scope(project=event.project_id):
                    registrations.register_participant(
                        event=event, sessions=[visit], **registration_values(n)
                    )
            except Exception as error:
                errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Registration.objects.filter(event=event).count() == THREADS
    signups = list(Signup.objects.filter(session=visit).order_by("pk").values_list("status", flat=True))
    assert signups.count("confirmed") == PLACES
    assert signups.count("waiting") == THREADS - PLACES
    # Arrival order: the first 25 to get through got the places, everyone after them waits in turn.
    assert signups == ["confirmed"] * PLACES + ["waiting"] * (THREADS - PLACES)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_never_overbook_the_event():
    event = EventFactory(capacity=10)
    barrier = threading.Barrier(40)
    gate = connection_gate()
    errors = []

    def register(n: int) -> None:
        barrier.wait()
        with gate:
            try:
                with scope(project=event.project_id):
                    registrations.register_participant(event=event, **registration_values(n))
            except Exception as error:
                errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed"] * 10 + ["waiting"] * 30


@pytest.mark.django_db(transaction=True)
def test_held_registrations_confirmed_at_once_never_overbook_the_visit():
    """The e-mailed links of 60 held registrations are confirmed at the same moment (the burst's
    second step): 25 places given, the others wait in the order their confirmation got the lock,
    and every address, consent and e-mail is recorded once."""
    from secon.events.holds import HeldRegistration
    from secon.events.services import holds
    from secon.mail.models import Email
    from secon.organisations.models import Consent, Person

    confirming = 60
    event = EventFactory(capacity=None)
    visit = SessionFactory(event=event, kind="study_visit", capacity=PLACES)
    with scope(project=event.project_id):
        keys = [
            registrations.register_participant(
                event=event, sessions=[visit], public_form=True, **registration_values(n)
            ).key
            for n in range(confirming)
        ]
    Email.objects.all().delete()  # the links' e-mails
    barrier = threading.Barrier(confirming)
    gate = connection_gate()
    errors = []

    def confirm(key: str) -> None:
        barrier.wait()
        with gate:
            try:
                with scope(project=event.project_id):
                    holds.confirm_held_registration(key=key, event=event)
            except Exception as error:
                errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=confirm, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert not HeldRegistration.objects.exists()
    registered = Registration.objects.filter(event=event).order_by("pk")
    assert registered.count() == confirming
    assert Person.objects.filter(email__endswith="@example.org").count() == confirming
    assert Consent.objects.count() == confirming * 4
    assert Email.objects.filter(kind="events.confirmation").count() == confirming
    signups = list(Signup.objects.filter(session=visit).order_by("pk").values_list("status", flat=True))
    assert signups == ["confirmed"] * PLACES + ["waiting"] * (confirming - PLACES)
    # A registration's sign-up follows it: the first 25 registrations made got the places.
    assert list(
        Signup.objects.filter(session=visit).order_by("registration_id").values_list("status", flat=True)
    ) == ["confirmed"] * PLACES + ["waiting"] * (confirming - PLACES)
