"""A real SQLite write lock held by another connection, taken and released at chosen moments.

The busy-database tests (tests/mail/test_busy_database.py, tests/accounts/test_busy_database.py)
make a worker meet the same "database is locked" a worker meets under a burst.
"""

import logging
import sqlite3

from django.db import connection


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
    """Do something (take or release the lock) when a worker logs a message containing ``text``."""

    def __init__(self, text: str, action):
        super().__init__(level=logging.WARNING)
        self.text, self.action, self.seen = text, action, []

    def emit(self, record):
        message = record.getMessage()
        if self.text in message:
            self.seen.append(message)
            self.action()
