"""Fixtures of the busy-database tests: another connection's real SQLite write lock, taken and
released at chosen moments (see test_busy_database.py)."""

import pytest

from secon.core import smtp
from tests.mail import sample
from tests.sqlite_lock import WriteLock, impatient_queue, watch_log


@pytest.fixture
def lock():
    held = WriteLock()
    yield held
    held.close()
    sample.while_rendering.clear()


@pytest.fixture
def when_logged():
    yield from watch_log("secon.mail")


@pytest.fixture
def impatient(monkeypatch):
    """Jobs wait in the database queue; this connection waits 100 ms for a lock; short pauses."""
    monkeypatch.setattr(smtp, "RECORD_PAUSE", 0.01)
    with impatient_queue("secon-test-busy"):
        yield
