"""Account e-mails are rendered in the request and sent by the worker: a dead mail server fails no one."""

import dataclasses

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse

from secon.accounts.services import create_user
from secon.core.models import Job
from secon.core.tasks.jobs import TASKS
from tests.smtp_sink import SMTPSink, closed_port, smtp_settings
from tests.taskqueue import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "secon.accounts.tasks.send_account_email"


def ask_for_a_new_password(email: str):
    return Client().post(reverse("account_reset_password"), {"email": email})


def test_the_worker_sends_the_password_reset_in_greek_and_forgets_its_link(queue, worker):
    create_user(actor=None, email="eleni@example.org", password="a long passphrase", preferred_language="el")
    assert ask_for_a_new_password("eleni@example.org").status_code == 302
    assert mail.outbox == []  # the request only queued it
    worker()
    [message] = wait_for(lambda: mail.outbox, what="the worker to send the reset link")
    assert message.to == ["eleni@example.org"]
    assert "/password/reset/key/" in message.body
    assert "επαναφορά συνθηματικού" in message.body  # written in the recipient's language
    assert "SECON Hub" in message.body  # the site's name, not the request's host
    job = wait_for(
        lambda: Job.objects.filter(task=TASK, status=Job.Status.SUCCEEDED).first(),
        what="the job to be recorded as done",
    )
    # Who was written to, about what and when; not the text nor its link.
    assert set(job.kwargs) == {"to", "subject", "handed_over_at", "sent_at"}
    assert job.kwargs["to"] == ["eleni@example.org"] and job.kwargs["subject"] == message.subject


def test_a_dead_mail_server_fails_no_password_reset_and_the_link_leaves_once_it_is_back(
    queue, worker, settings, monkeypatch
):
    for name, value in smtp_settings(closed_port()).items():
        setattr(settings, name, value)
    # The task declared with pauses of about a second, 2 s, 4 s … instead of its 30 s, doubling: the
    # retry runs by itself, as in an installation, without the test waiting half a minute for it.
    declared = TASKS[TASK]
    monkeypatch.setitem(TASKS, TASK, dataclasses.replace(declared, backoff=declared.backoff / 30))
    create_user(actor=None, email="ana@example.org", password="a long passphrase")
    worker()
    assert ask_for_a_new_password("ana@example.org").status_code == 302
    job = wait_for(
        lambda: Job.objects.filter(task=TASK, status=Job.Status.RETRYING).first(),
        what="the first attempt to fail",
    )
    assert "Connection" in job.error
    assert "/password/reset/key/" in job.kwargs["body"]  # kept until it is sent
    with SMTPSink() as sink:
        settings.EMAIL_PORT = sink.port
        wait_for(lambda: sink.messages, what="the retry to send the e-mail once the server is back")
        done = wait_for(
            lambda: Job.objects.filter(pk=job.pk, status=Job.Status.SUCCEEDED).first(),
            what="the job to be recorded as done",
        )
    assert [message["to"] for message in sink.messages] == [["ana@example.org"]]  # sent once
    assert done.attempts >= 2 and "body" not in done.kwargs  # by a retry, and the link forgotten
