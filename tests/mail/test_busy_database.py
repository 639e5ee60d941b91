"""A busy database ("database is locked") delays an e-mail but never loses it nor sends it twice.

SQLite only: another connection to the test database file holds a real write lock
(``BEGIN IMMEDIATE``) at a chosen moment, and the job's connection waits 100 ms for it (an
installation waits 20 s), so the job meets the same OperationalError a worker meets under a burst.
The mail server is the tests' SMTP sink; jobs run through the real job runner (claim, retries,
backoff) in the test's thread.
"""

import contextlib
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django_scopes import scopes_disabled

from django.db import OperationalError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from secon.core.models import Job
from secon.core.permissions import SYSTEM
from secon.core.tasks import execute
from secon.mail import services
from secon.mail import tasks as mail_tasks
from secon.mail.models import Email
from tests.factories import ProjectFactory
from tests.mail import sample
from tests.smtp_sink import SMTPSink, smtp_settings

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's database lock"),
]


@contextlib.contextmanager
def mail_server(**options) -> Iterator[SMTPSink]:
    with SMTPSink(**options) as sink, override_settings(**smtp_settings(sink.port)):
        yield sink


def queue(kind: str = "tests.greeting") -> tuple[Email, Job]:
    project = ProjectFactory(slug="secon")
    with transaction.atomic():
        email = services.queue_email(
            project_id=project.pk,
            kind=kind,
            recipient="maria@example.org",
            language="de",
            params={"name": "Maria"},
        )
    return email, services.jobs_of(email).get()


def run(job: Job) -> dict:
    with scopes_disabled():  # as a worker runs
        return execute(job.pk)


def test_busy_before_the_hand_over_is_retried_with_backoff_then_sent_once(lock, when_logged, impatient):
    sample.while_rendering.append(lock.take_once)
    released = when_logged("was not handed to the mail server", lock.release)
    with mail_server() as sink:
        email, job = queue(kind="tests.hooked")
        assert run(job)["outcome"] == "retrying"
        assert released.seen and sink.messages == []
        email.refresh_from_db()
        job.refresh_from_db()
        assert email.status == Email.Status.FAILING and "database is locked" in email.error
        assert email.handed_over_at is None
        assert job.status == Job.Status.RETRYING and job.attempts == 1
        assert job.run_after > timezone.now() + timedelta(seconds=20)  # the e-mail policy's 30 s (±20 %)

        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())  # the retry is due
        assert run(job)["outcome"] == "succeeded"
        assert [message["to"] for message in sink.messages] == [["maria@example.org"]]
    email.refresh_from_db()
    assert email.status == Email.Status.SENT and email.attempts == 2


def test_busy_after_the_send_the_record_is_tried_again_and_nothing_is_resent(lock, when_logged, impatient):
    released = when_logged("could not record e-mail", lock.release)
    with mail_server(on_accept=lock.take_once) as sink:
        email, job = queue()
        assert run(job)["outcome"] == "succeeded"
        assert len(sink.messages) == 1
    assert len(released.seen) == 1 and "try 1 of 5" in released.seen[0]
    email.refresh_from_db()
    assert email.status == Email.Status.SENT and email.attempts == 1 and email.sent_at is not None


def test_busy_through_every_try_the_jobs_failure_handler_records_it_sent(lock, when_logged, impatient):
    released = when_logged("after 5 tries", lock.release)
    with mail_server(on_accept=lock.take_once) as sink:
        email, job = queue()
        assert run(job)["outcome"] == "retrying"  # SentButNotRecorded: retried, but …
        assert released.seen
        email.refresh_from_db()
        assert email.status == Email.Status.SENT  # … its failure handler recorded it as sent
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
        assert run(job)["outcome"] == "succeeded"  # the retry finds it sent and sends nothing
        assert len(sink.messages) == 1
    job.refresh_from_db()
    assert job.result == "skipped"


def test_busy_even_for_the_jobs_own_record_a_later_attempt_records_it_without_sending(lock, impatient):
    with mail_server(on_accept=lock.take_once) as sink:
        email, job = queue()
        with pytest.raises(OperationalError):  # the job could not record its failure either
            run(job)
        lock.release()
        email.refresh_from_db()
        assert email.status == Email.Status.SENDING and email.handed_over_at is not None
        # The worker's lease on the job runs out; a worker takes the job up again.
        Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
        assert run(job)["outcome"] == "succeeded"
        assert len(sink.messages) == 1
    email.refresh_from_db()
    assert email.status == Email.Status.SENT


def test_a_handed_over_email_of_a_stopped_worker_is_not_resent_but_shown_as_unknown(lock, impatient):
    with mail_server(on_accept=lock.take_once) as sink:
        email, job = queue()
        with pytest.raises(OperationalError):
            run(job)
        lock.release()
        mail_tasks._sent_unrecorded.clear()  # the worker process stopped: its memory is gone
        Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
        run(job)
        assert len(sink.messages) == 1
        email.refresh_from_db()
        assert email.status == Email.Status.FAILED and email.error == mail_tasks.UNKNOWN_OUTCOME
        # A coordinator decides: sent again by hand, it is handed over anew and sent.
        services.send_again(actor=SYSTEM, email=email)
        again = services.jobs_of(email).exclude(pk=job.pk).get()
        assert run(again)["outcome"] == "succeeded"
        assert len(sink.messages) == 2
    email.refresh_from_db()
    assert email.status == Email.Status.SENT and email.resends == 1
