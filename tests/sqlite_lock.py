"""A real SQLite write lock held by another connection, taken and released at chosen moments.

The busy-database tests (tests/mail/test_busy_database.py, tests/accounts/test_busy_database.py)
make a worker meet the same "database is locked" a worker meets under a burst.
"""

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection
from django.test import override_settings

from tests.core.queues import configure


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

    def close(self) -> None:
        self.release()
        self.db.close()


class WhenLogged(logging.Handler):
    """Do something (take or release the lock) when a worker logs a message containing ``text``."""

    def __init__(self, text: str, action):
        super().__init__(level=logging.WARNING)
        self.text, self.action, self.seen = text, action, []

    def emit(self, record):
        message = record.getMessage()
        if self.text in message:
            self.seen.append(message)
            self.action()


def watch_log(name: str, handler_type: type[logging.Handler] = WhenLogged) -> Iterator[Callable]:
    """Yield ``attach(text, action)``, which runs ``action`` when the logger ``name`` logs ``text``;
    detach every handler afterwards (the body of the tests' ``when_logged`` fixtures)."""
    handlers = []

    def attach(text: str, action) -> logging.Handler:
        handler = handler_type(text, action)
        logging.getLogger(name).addHandler(handler)
        handlers.append(handler)
        return handler

    yield attach
    for handler in handlers:
        logging.getLogger(name).removeHandler(handler)


@contextmanager
def impatient_connection() -> Iterator[None]:
    """Make every connection of this thread wait 100 ms for a lock, not the suite's 120 s.

    Through the connection's settings, not a PRAGMA on the open connection: the code under test may
    close an obsolete connection after "database is locked" (``close_if_unusable_or_obsolete``) and
    open another — in a process whose connection was older than ``CONN_MAX_AGE`` (a long run), each
    later try then waited the full 120 s (482 s for one test instead of 1 s).
    """
    options = connection.settings_dict["OPTIONS"]
    before = options.get("timeout")
    connection.close()
    options["timeout"] = 0.1
    try:
        yield
    finally:
        connection.close()  # the next connection waits as the suite's settings say
        if before is None:
            options.pop("timeout", None)
        else:
            options["timeout"] = before


@contextmanager
def impatient_queue(queue_name: str) -> Iterator[None]:
    """Run jobs on the database queue ``queue_name`` with connections that wait 100 ms for a lock."""
    with override_settings(**configure("database", queue_name)), impatient_connection():
        yield
