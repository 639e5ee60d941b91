import logging
import smtplib

import pytest

from django.db import OperationalError, connection

from secon.core import smtp
from secon.core.models import Job
from secon.core.smtp import EMAIL_RETRIES, is_transient, may_retry_email, record_after_hand_over
from tests.sqlite_lock import WriteLock, impatient_connection, watch_log


def test_network_trouble_and_4xx_answers_are_worth_another_attempt():
    assert is_transient(ConnectionRefusedError())
    assert is_transient(smtplib.SMTPServerDisconnected())
    assert is_transient(smtplib.SMTPResponseException(421, b"try later"))
    assert is_transient(smtplib.SMTPRecipientsRefused({"a@b.c": (451, b"greylisted")}))


def test_5xx_answers_and_bugs_are_not():
    assert not is_transient(smtplib.SMTPResponseException(554, b"no"))
    assert not is_transient(smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"unknown")}))
    assert not is_transient(ValueError("a bug"))


def test_every_email_task_also_retries_a_busy_database_but_not_a_bug():
    assert EMAIL_RETRIES["retry_if"] is may_retry_email
    assert may_retry_email(OperationalError("database is locked"))
    assert may_retry_email(smtplib.SMTPResponseException(421, b"try later"))
    assert not may_retry_email(smtplib.SMTPResponseException(554, b"no"))
    assert not may_retry_email(ValueError("a bug"))


@pytest.fixture
def busy(monkeypatch):
    """Another connection's real SQLite write lock; this connection waits 100 ms for it; short pauses."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's database lock")
    monkeypatch.setattr(smtp, "RECORD_PAUSE", 0.01)
    with impatient_connection():
        held = WriteLock()
        yield held
        held.close()


@pytest.fixture
def when_logged():
    yield from watch_log("tests.records")


def mark(job_id: int) -> int:
    return Job.objects.filter(pk=job_id).update(result="recorded")


@pytest.mark.django_db(transaction=True)
def test_a_record_after_the_hand_over_is_tried_again_while_the_database_is_locked(busy, when_logged):
    job = Job.objects.create(task="tests.record")
    busy.take_once()
    released = when_logged("(try 2 of 5)", busy.release)
    what = f"job {job.pk} as recorded"
    assert (
        record_after_hand_over(lambda: mark(job.pk), what=what, logger=logging.getLogger("tests.records"))
        == 1
    )
    assert len(released.seen) == 1 and "could not record job" in released.seen[0]
    job.refresh_from_db()
    assert job.result == "recorded"


@pytest.mark.django_db(transaction=True)
def test_a_record_the_database_refuses_every_time_fails_after_the_last_try(busy, when_logged):
    job = Job.objects.create(task="tests.record")
    busy.take_once()
    tries = when_logged("could not record", lambda: None)
    with pytest.raises(OperationalError, match="database is locked"):
        record_after_hand_over(lambda: mark(job.pk), what="job", logger=logging.getLogger("tests.records"))
    assert len(tries.seen) == smtp.RECORD_TRIES  # four warnings and the final error
    assert "after 5 tries" in tries.seen[-1]
    busy.release()
    job.refresh_from_db()
    assert job.result != "recorded"
