"""E-mails are rendered and sent by real workers; failures are retried, shown and sent again."""

import threading

import pytest
from django_scopes import scopes_disabled

from django.core import mail
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from secon.accounts.services import grant_role
from secon.core.models import Job
from secon.mail import services
from secon.mail.models import Email
from secon.mail.tasks import deliver_email
from tests.accounts.world import enable_two_factor
from tests.factories import ProjectFactory, UserFactory
from tests.mail import sample  # noqa: F401  (registers the e-mail kind)
from tests.smtp_sink import SMTPSink, closed_port, smtp_settings
from tests.taskqueue import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def project():
    return ProjectFactory(slug="secon")


def queue_greeting(project, name="Maria", language="de") -> Email:
    with transaction.atomic():
        return services.queue_email(
            project_id=project.pk,
            kind="tests.greeting",
            recipient=f"{name.lower()}@example.org",
            language=language,
            params={"name": name},
        )


def status_of(email: Email) -> str:
    email.refresh_from_db()
    return email.status


def test_a_worker_renders_and_sends_in_the_recipients_language(queue, worker, project):
    email = queue_greeting(project)
    assert mail.outbox == []  # queueing sends nothing
    worker()
    wait_for(lambda: status_of(email) == Email.Status.SENT, what="the e-mail to be sent")
    [message] = mail.outbox
    assert message.to == ["maria@example.org"]
    assert message.subject == "Sprache: Maria"
    assert message.body == "Veranstaltungen – Maria"
    assert message.attachments[0][0] == "a.txt"
    assert email.subject == "Sprache: Maria"
    assert email.attempts == 1


def test_an_email_no_longer_needed_is_dropped(queue, worker, project):
    email = queue_greeting(project, name="gone")
    worker()
    wait_for(lambda: status_of(email) == Email.Status.DROPPED, what="the e-mail to be dropped")
    assert mail.outbox == []


def test_the_same_email_delivered_twice_at_once_is_sent_once(queue, project, settings):
    with SMTPSink() as sink:
        for name, value in smtp_settings(sink.port).items():
            setattr(settings, name, value)
        email = queue_greeting(project)
        barrier = threading.Barrier(4)
        outcomes = []

        def deliver():
            try:
                barrier.wait()
                with scopes_disabled():  # as a worker runs
                    outcomes.append(deliver_email(email_id=email.pk))
            finally:
                connection.close()

        threads = [threading.Thread(target=deliver) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["sent", "skipped", "skipped", "skipped"]
        assert len(sink.messages) == 1
        assert deliver_email(email_id=email.pk) == "skipped"  # a retry after success sends nothing
        assert len(sink.messages) == 1


def test_a_mail_server_away_then_back_the_coordinator_sends_again(queue, worker, project, settings):
    for name, value in smtp_settings(closed_port()).items():
        setattr(settings, name, value)
    email = queue_greeting(project)
    worker()
    wait_for(lambda: status_of(email) == Email.Status.FAILING, what="the first attempt to fail")
    assert "Connection refused" in email.error or "ConnectionRefused" in email.error
    assert email.next_attempt_at > timezone.now()
    job = services.jobs_of(email).get()
    assert job.status == Job.Status.RETRYING

    coordinator = UserFactory()
    grant_role(actor=None, user=coordinator, project=project, role="coordinator")
    enable_two_factor(coordinator)  # required of coordinators before any page
    client = Client()
    client.force_login(coordinator)
    page = client.get("/en/secon/emails/undelivered/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "maria@example.org" in html and "Connection refused" in html
    assert "Send again" in html

    with SMTPSink() as sink:
        settings.EMAIL_PORT = sink.port
        response = client.post(f"/en/secon/emails/{email.pk}/again/")
        assert response.status_code == 302
        wait_for(lambda: status_of(email) == Email.Status.SENT, what="the e-mail sent again")
        assert [message["to"] for message in sink.messages] == [["maria@example.org"]]
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "by hand" in job.error  # the old retry will not run
    assert email.resends == 1
    after = client.get("/en/secon/emails/undelivered/").content.decode()
    assert "queued again" in after
    assert "mail-list__item" not in after


def test_a_refused_recipient_fails_at_once(queue, worker, project, settings):
    with SMTPSink(refuse_recipients="550 5.1.1 no such user") as sink:
        for name, value in smtp_settings(sink.port).items():
            setattr(settings, name, value)
        email = queue_greeting(project)
        worker()
        wait_for(lambda: status_of(email) == Email.Status.FAILED, what="the e-mail to fail")
    assert email.attempts == 1
    assert "550" in email.error
    assert email.next_attempt_at is None


def test_only_coordinators_see_and_resend(project, client):
    email = queue_greeting(project)
    Email.objects.filter(pk=email.pk).update(status=Email.Status.FAILED, error="boom")
    assert client.get("/en/secon/emails/undelivered/").status_code == 302  # to the login
    for role in ("viewer",):
        user = UserFactory()
        grant_role(actor=None, user=user, project=project, role=role)
        other = Client()
        other.force_login(user)
        assert other.get("/en/secon/emails/undelivered/").status_code == 403
        assert other.post(f"/en/secon/emails/{email.pk}/again/").status_code == 403
    outsider = UserFactory()
    grant_role(actor=None, user=outsider, project=ProjectFactory(slug="other"), role="coordinator")
    enable_two_factor(outsider)
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get("/en/secon/emails/undelivered/").status_code == 403
    assert stranger.post(f"/en/other/emails/{email.pk}/again/").status_code == 404
    assert status_of(email) == Email.Status.FAILED


def test_an_email_already_sent_cannot_be_sent_again(project):
    email = queue_greeting(project)
    Email.objects.filter(pk=email.pk).update(status=Email.Status.SENT)
    email.refresh_from_db()
    from django.core.exceptions import ValidationError

    from secon.core.permissions import SYSTEM

    with pytest.raises(ValidationError):
        services.send_again(actor=SYSTEM, email=email)


def test_held_back_emails_are_not_queued(project):
    with services.held_back() as held:
        assert queue_greeting(project) is None
    assert held == [("tests.greeting", "maria@example.org")]
    assert not Email.objects.exists()
