"""Fixtures of the busy-database tests: another connection's real SQLite write lock, taken and
released at chosen moments (see test_busy_database.py)."""

import logging

import pytest

from django.db import connection
from django.test import override_settings

from secon.mail import tasks as mail_tasks
from tests.core.queues import configure
from tests.mail import sample
from tests.sqlite_lock import WhenLogged, WriteLock


@pytest.fixture
def lock():
    held = WriteLock()
    yield held
    held.release()
    held.db.close()
    sample.while_rendering.clear()


@pytest.fixture
def when_logged():
    handlers = []

    def attach(text: str, action) -> WhenLogged:
        handler = WhenLogged(text, action)
        logging.getLogger("secon.mail").addHandler(handler)
        handlers.append(handler)
        return handler

    yield attach
    for handler in handlers:
        logging.getLogger("secon.mail").removeHandler(handler)


@pytest.fixture
def impatient(monkeypatch):
    """Jobs wait in the database queue; this connection waits 100 ms for a lock; short pauses."""
    monkeypatch.setattr(mail_tasks, "RECORD_PAUSE", 0.01)
    with override_settings(**configure("database", "secon-test-busy")):
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 100")
        yield
    connection.close()  # the next connection waits as the suite's settings say
