"""A running job's heartbeat outlasts a busy database: SQLite's "database is locked" while it renews
the lease is tried again at the next beat, so no other worker takes over a job that still runs.

SQLite only: another connection to the test database file holds a real write lock; the heartbeat's
connection waits 100 ms for it (an installation waits 20 s).
"""

import logging
import sqlite3
import threading
from datetime import timedelta

import pytest
from django_scopes import scopes_disabled

from django.db import connection
from django.test import override_settings
from django.utils import timezone

from secon.core.models import Job
from secon.core.tasks import execute
from tests.core import sample_tasks
from tests.core.queues import configure
from tests.taskqueue import wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's database lock"),
]


class Seen(logging.Handler):
    def __init__(self, text: str):
        super().__init__(level=logging.WARNING)
        self.text, self.event = text, threading.Event()

    def emit(self, record):
        if self.text in record.getMessage():
            self.event.set()


def test_a_busy_database_does_not_stop_a_running_jobs_heartbeat(tmp_path, monkeypatch):
    trace, release = tmp_path / "trace", tmp_path / "release"
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.1)  # connections opened from now
    seen = Seen("could not renew the lease of job")
    logging.getLogger("secon.tasks").addHandler(seen)
    lock = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False)
    outcome = {}

    def worker():
        try:
            with scopes_disabled():
                outcome.update(execute(job.pk))
        finally:
            connection.close()

    try:
        with override_settings(**configure("database", "secon-test-heartbeat")):
            job = sample_tasks.slow.enqueue(path=str(trace), release=str(release))  # lease: 1 s
            runner = threading.Thread(target=worker)
            runner.start()
            wait_for(
                lambda: trace.exists() and trace.read_text().split() == ["start"], what="the job to start"
            )
            lock.execute("BEGIN IMMEDIATE")
            wait_for(seen.event.is_set, what="a renewal to meet the locked database")
            lock.execute("ROLLBACK")
            released = timezone.now()
            wait_for(
                lambda: Job.objects.get(pk=job.pk).lease_until >= released + timedelta(seconds=1),
                what="the heartbeat to renew the lease again once the database is free",
            )
            release.touch()
            runner.join(timeout=60)
    finally:
        logging.getLogger("secon.tasks").removeHandler(seen)
        lock.close()
    assert outcome["outcome"] == "succeeded"
    assert Job.objects.get(pk=job.pk).status == Job.Status.SUCCEEDED
