"""A busy database ("database is locked") delays an account e-mail but never loses it, sends it twice,
or leaves its text (and its one-time link) in the job's stored arguments once the server has it.

SQLite only: another connection holds a real write lock (tests/sqlite_lock.py) at a chosen moment and
the job's connection waits 100 ms for it; the mail server is the tests' SMTP sink; the job runs
through the real job runner (claim, retries, backoff) in the test's thread.
"""

from datetime import timedelta

import pytest
from django_scopes import scopes_disabled

from django.db import OperationalError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from secon.accounts import tasks as account_tasks
from secon.accounts.tasks import send_account_email
from secon.core import smtp
from secon.core.models import Job
from secon.core.tasks import execute
from tests.smtp_sink import SMTPSink, smtp_settings
from tests.sqlite_lock import WriteLock, impatient_queue, watch_log

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's database lock"),
]

LINK = "https://hub.example.org/en/accounts/password/reset/key/1-secret/"


@pytest.fixture
def lock():
    held = WriteLock()
    yield held
    held.close()
    account_tasks._sent_unrecorded.clear()


@pytest.fixture
def when_logged():
    yield from watch_log("secon.accounts")


@pytest.fixture
def impatient(monkeypatch):
    """Jobs wait in the database queue; this connection waits 100 ms for a lock; short pauses."""
    monkeypatch.setattr(smtp, "RECORD_PAUSE", 0.01)
    with impatient_queue("secon-test-busy-accounts"):
        yield


def queue() -> Job:
    with transaction.atomic():
        return send_account_email.enqueue(
            to=["eleni@example.org"], subject="Password reset", body=f"Choose a new password: {LINK}"
        )


def run(job: Job) -> dict:
    with scopes_disabled():  # as a worker runs
        return execute(job.pk)


def due(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(
        run_after=timezone.now(), lease_until=timezone.now() - timedelta(seconds=1)
    )


def test_busy_before_the_hand_over_is_retried_with_its_text_kept_then_sent_once(lock, when_logged, impatient):
    released = when_logged("could not record the account e-mail", lock.release)
    with SMTPSink(on_connect=lock.take_once) as sink, override_settings(**smtp_settings(sink.port)):
        job = queue()
        assert run(job)["outcome"] == "retrying"
        assert released.seen and sink.messages == []
        job.refresh_from_db()
        assert job.status == Job.Status.RETRYING and "database is locked" in job.error
        assert LINK in job.kwargs["body"]  # kept for the retry
        assert job.run_after > timezone.now() + timedelta(seconds=20)  # the e-mail policy's 30 s (±20 %)
        due(job)
        assert run(job)["outcome"] == "succeeded"
        assert [message["to"] for message in sink.messages] == [["eleni@example.org"]]
        assert LINK in sink.messages[0]["data"]
    job.refresh_from_db()
    assert set(job.kwargs) == {"to", "subject", "handed_over_at", "sent_at"}


def test_busy_right_after_the_send_the_record_is_tried_again_as_for_project_emails(
    lock, when_logged, impatient
):
    released = when_logged("as sent (try 1 of 5)", lock.release)
    with SMTPSink(on_accept=lock.take_once) as sink, override_settings(**smtp_settings(sink.port)):
        job = queue()
        assert run(job)["outcome"] == "succeeded"
        assert len(released.seen) == 1 and len(sink.messages) == 1
    job.refresh_from_db()
    assert job.result == "sent"
    # The second try, after a short pause, recorded it as sent.
    assert set(job.kwargs) == {"to", "subject", "handed_over_at", "sent_at"} and LINK not in str(job.kwargs)


def test_busy_through_every_try_after_the_send_the_link_is_no_longer_stored(lock, when_logged, impatient):
    tries = when_logged("as sent (try", lambda: None)
    released = when_logged("as sent after 5 tries", lock.release)
    with SMTPSink(on_accept=lock.take_once) as sink, override_settings(**smtp_settings(sink.port)):
        job = queue()
        assert run(job)["outcome"] == "succeeded"
        assert len(sink.messages) == 1
    assert len(tries.seen) == 4 and released.seen
    job.refresh_from_db()
    assert job.result == "sent"
    assert set(job.kwargs) == {"to", "subject", "handed_over_at"} and LINK not in str(job.kwargs)


@pytest.mark.parametrize("same_process", [True, False])
def test_busy_even_for_the_jobs_own_record_a_later_attempt_sends_nothing(same_process, lock, impatient):
    with SMTPSink(on_accept=lock.take_once) as sink, override_settings(**smtp_settings(sink.port)):
        job = queue()
        with pytest.raises(OperationalError):  # the job could not record its outcome either
            run(job)
        lock.release()
        job.refresh_from_db()
        assert job.status == Job.Status.RUNNING and LINK not in str(job.kwargs)
        if not same_process:
            account_tasks._sent_unrecorded.clear()  # the worker process stopped
        due(job)  # its lease runs out; a worker takes it up again
        run(job)
        assert len(sink.messages) == 1
    job.refresh_from_db()
    if same_process:
        assert job.status == Job.Status.SUCCEEDED and job.result == "sent"
    else:
        assert job.status == Job.Status.FAILED and "may have been sent" in job.error
    assert LINK not in str(job.kwargs)


def test_a_refused_email_keeps_its_text_for_the_retry(impatient):
    with (
        SMTPSink(refuse_recipients="451 4.7.1 try again later") as sink,
        override_settings(**smtp_settings(sink.port)),
    ):
        job = queue()
        assert run(job)["outcome"] == "retrying"
        assert sink.messages == []
    job.refresh_from_db()
    assert LINK in job.kwargs["body"] and "handed_over_at" not in job.kwargs
