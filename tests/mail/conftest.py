"""Fixtures of the busy-database tests: another connection's real SQLite write lock, taken and
released at chosen moments (see test_busy_database.py)."""

import logging
import sqlite3

import pytest

from django.db import connection
from django.test import override_settings

from secon.mail import tasks as mail_tasks
from tests.core.queues import configure
from tests.mail import sample


class WriteLock:
    """Another program's write transaction on the test database file."""

    def __init__(self):
        self.db = sqlite3.connect(
            connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False, timeout=30
        )
        self.held = False
        self.taken = 0

    def take_once(self) -> None:
        if not self.taken:
            self.db.execute("BEGIN IMMEDIATE")
            self.held, self.taken = True, 1

    def release(self) -> None:
        if self.held:
            self.db.execute("ROLLBACK")
            self.held = False


class WhenLogged(logging.Handler):
    """Do something (release the lock) when the mail worker logs a message containing ``text``."""

    def __init__(self, text: str, action):
        super().__init__(level=logging.WARNING)
        self.text, self.action, self.seen = text, action, []

    def emit(self, record):
        message = record.getMessage()
        if self.text in message:
            self.seen.append(message)
            self.action()


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
