"""E-mails a job left "being sent" (its failure handler met a busy database, or its worker stopped on
its last attempt) are queued again or settled by the recurring upkeep (``mail/upkeep.py``).

SQLite only, as ``test_busy_database.py``: another connection holds a real write lock at the moment
the job's failure handler runs; the mail server is the tests' SMTP sink; jobs run through the real
job runner. The lease's five minutes are passed by moving the claim's time back.
"""

import logging
from datetime import timedelta

import pytest
from django_scopes import scopes_disabled

from django.db import OperationalError, connection
from django.utils import timezone, translation

from secon.core.models import Job
from secon.core.permissions import SYSTEM
from secon.core.tasks import SCHEDULE, reap_expired_leases
from secon.mail import services
from secon.mail import tasks as mail_tasks
from secon.mail.models import Email
from secon.mail.selectors import list_undelivered_emails
from secon.mail.upkeep import STUCK_REQUEUES, settle_stuck
from tests.mail.test_busy_database import mail_server, queue, run
from tests.sqlite_lock import watch_log

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's database lock"),
]


class OnTaskLog(logging.Handler):
    """Take the write lock (again) when the job runner logs a message containing ``text``."""

    def __init__(self, text: str, write_lock):
        super().__init__(level=logging.WARNING)
        self.text, self.write_lock, self.seen = text, write_lock, 0

    def emit(self, record):
        if self.text in record.getMessage():
            self.seen += 1
            self.write_lock.taken = 0
            self.write_lock.take_once()


@pytest.fixture
def on_task_log():
    yield from watch_log("secon.tasks", OnTaskLog)


def past_the_lease(email: Email) -> None:
    Email.objects.filter(pk=email.pk).update(
        claimed_at=timezone.now() - mail_tasks.SENDING_LEASE - timedelta(seconds=1)
    )


def settle() -> dict:
    with scopes_disabled():  # as a worker runs
        return settle_stuck(now=timezone.now())


def test_the_upkeep_is_a_recurring_job():
    assert SCHEDULE["mail.settle-stuck-emails"].every == timedelta(minutes=5)


def test_not_handed_over_and_its_failure_unrecorded_it_is_queued_again_once_then_sent(
    lock, on_task_log, impatient
):
    with mail_server(refuse_recipients="451 4.7.1 try again later") as sink:
        email, job = queue()
        Job.objects.filter(pk=job.pk).update(max_attempts=1)  # its last attempt
        blocked = on_task_log("failed for good", lock)
        assert run(job)["outcome"] == "failed"
        lock.release()
        assert blocked.seen == 1 and sink.messages == []
    email.refresh_from_db()
    # The failure handler could not write: "being sent", and no coordinator sees it.
    assert email.status == Email.Status.SENDING and email.handed_over_at is None
    assert email not in list_undelivered_emails(project=email.project)
    assert settle() == {"queued": 0, "failed": 0, "sent": 0, "unknown": 0, "live": 0}  # within its lease

    past_the_lease(email)
    assert settle()["queued"] == 1
    assert settle() == {"queued": 0, "failed": 0, "sent": 0, "unknown": 0, "live": 0}  # once
    email.refresh_from_db()
    assert email.status == Email.Status.QUEUED and email.claim == ""
    again = services.jobs_of(email).exclude(pk=job.pk).get()
    assert again.key == f"email:{email.pk}:stuck:job:{job.pk}:1"
    with mail_server() as sink:
        assert run(again)["outcome"] == "succeeded"
        assert [message["to"] for message in sink.messages] == [["maria@example.org"]]
    email.refresh_from_db()
    assert email.status == Email.Status.SENT


def test_handed_over_and_known_sent_by_its_failed_job_it_is_recorded_sent_not_resent(
    lock, when_logged, on_task_log, impatient
):
    when_logged("after 5 tries", lock.release)
    with mail_server(on_accept=lock.take_once) as sink:
        email, job = queue()
        Job.objects.filter(pk=job.pk).update(max_attempts=1)
        blocked = on_task_log("failed for good", lock)
        assert run(job)["outcome"] == "failed"
        lock.release()
        assert blocked.seen == 1 and len(sink.messages) == 1
        mail_tasks._sent_unrecorded.clear()  # the upkeep runs in another worker process
        email.refresh_from_db()
        assert email.status == Email.Status.SENDING and email.handed_over_at is not None
        past_the_lease(email)
        assert settle()["sent"] == 1
        assert len(sink.messages) == 1
    email.refresh_from_db()
    assert email.status == Email.Status.SENT and email.sent_at == email.handed_over_at


def test_handed_over_by_a_worker_stopped_on_its_last_attempt_it_is_shown_as_may_have_been_sent(
    lock, impatient
):
    with mail_server(on_accept=lock.take_once) as sink:
        email, job = queue()
        with pytest.raises(OperationalError):  # not even the job's failure could be recorded
            run(job)
        lock.release()
        mail_tasks._sent_unrecorded.clear()  # the worker process stopped
        Job.objects.filter(pk=job.pk).update(
            max_attempts=1, lease_until=timezone.now() - timedelta(seconds=1)
        )
        assert reap_expired_leases() == 1  # the job fails for good; the e-mail stays "being sent"
        email.refresh_from_db()
        assert email.status == Email.Status.SENDING and email.handed_over_at is not None
        past_the_lease(email)
        assert settle()["unknown"] == 1
        assert len(sink.messages) == 1
    email.refresh_from_db()
    assert email.status == Email.Status.FAILED and email.error == mail_tasks.UNKNOWN_OUTCOME
    assert email in list_undelivered_emails(project=email.project)
    assert services.jobs_of(email).count() == 1  # nothing queued again


def test_an_email_whose_job_will_retry_is_left_to_that_job(lock, on_task_log, impatient):
    with mail_server(refuse_recipients="451 4.7.1 try again later"):
        email, job = queue()
        on_task_log("failed, attempt", lock)
        assert run(job)["outcome"] == "retrying"
        lock.release()
    email.refresh_from_db()
    assert email.status == Email.Status.SENDING
    past_the_lease(email)
    assert settle() == {"queued": 0, "failed": 0, "sent": 0, "unknown": 0, "live": 1}
    email.refresh_from_db()
    assert email.status == Email.Status.SENDING and services.jobs_of(email).count() == 1


def left_being_sent(email: Email, job: Job, lock) -> None:
    """Run the e-mail's job once as its last attempt: the mail server refuses for now, and the
    failure handler meets a busy database (the lock is taken as the job fails for good)."""
    Job.objects.filter(pk=job.pk).update(max_attempts=1)
    assert run(job)["outcome"] == "failed"
    lock.release()
    email.refresh_from_db()
    assert email.status == Email.Status.SENDING and email.handed_over_at is None
    past_the_lease(email)


def test_an_email_stuck_again_and_again_fails_for_good_after_the_cap_and_a_coordinator_sees_why(
    lock, on_task_log, impatient
):
    on_task_log("failed for good", lock)
    with mail_server(refuse_recipients="451 4.7.1 try again later") as sink:
        email, job = queue()
        for times in range(1, STUCK_REQUEUES + 1):
            left_being_sent(email, job, lock)
            assert settle()["queued"] == 1
            email.refresh_from_db()
            assert email.status == Email.Status.QUEUED and email.stuck_requeues == times
            job = services.jobs_of(email).order_by("-pk").first()  # the job that queued it again
        left_being_sent(email, job, lock)
        assert settle() == {"queued": 0, "failed": 1, "sent": 0, "unknown": 0, "live": 0}
        assert settle() == {"queued": 0, "failed": 0, "sent": 0, "unknown": 0, "live": 0}
        assert sink.messages == []
    email.refresh_from_db()
    assert email.status == Email.Status.FAILED and email.error == Email.KnownError.STUCK
    assert email.next_attempt_at is None and email.claimed_at is None
    assert services.jobs_of(email).count() == STUCK_REQUEUES + 1  # nothing queued after the cap
    assert email in list_undelivered_emails(project=email.project)
    with translation.override("de"):
        assert email.error_text.startswith("Hintergrundprozesse wurden zu oft beendet")

    # A coordinator sends it again by hand: the count starts anew, and it is sent.
    services.send_again(actor=SYSTEM, email=email)
    email.refresh_from_db()
    assert email.status == Email.Status.QUEUED and email.stuck_requeues == 0
    with mail_server() as sink:
        assert run(services.jobs_of(email).order_by("-pk").first())["outcome"] == "succeeded"
        assert len(sink.messages) == 1
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
