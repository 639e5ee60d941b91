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
