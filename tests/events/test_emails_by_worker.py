"""Registering only enqueues: a real worker renders and sends the e-mail, a dead mail server fails nobody."""

import pytest

from django.core import mail
from django.test import Client

from secon.events.holds import HeldRegistration
from secon.mail.models import Email
from tests.events.factories import EventFactory, SessionFactory, confirm_by_email
from tests.factories import ProjectFactory
from tests.smtp_sink import SMTPSink, closed_port, smtp_settings
from tests.taskqueue import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def event(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    event = EventFactory(
        project=project,
        slug="caceres",
        title={"en": "Project meeting in Cáceres", "es": "Reunión del proyecto en Cáceres"},
        capacity=30,
    )
    SessionFactory(event=event, kind="study_visit", capacity=1)
    return event


def register(client: Client, email: str = "maria@example.org", **headers):
    return client.post(
        "/en/secon/events/caceres/register/",
        {
            "first_name": "María",
            "last_name": "López",
            "email": email,
            "language": "es",
            "consent_terms": "on",
        },
        **headers,
    )


def test_the_request_enqueues_and_the_worker_sends_in_spanish(queue, worker, event, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    response = register(client, HTTP_HOST="evil.example")  # a forged host changes no link
    assert response.status_code == 302
    hold = Email.objects.get()  # first the address confirms the registration
    assert (hold.recipient, hold.language, hold.kind) == ("maria@example.org", "es", "events.hold")
    assert mail.outbox == []  # the request sent nothing
    worker()
    wait_for(lambda: mail.outbox, what="the worker to send the confirmation link")
    [asked] = mail.outbox
    assert "http://127.0.0.1:8123/es/secon/events/caceres/register/confirm/" in asked.body
    assert "evil.example" not in asked.body
    assert confirm_by_email(client, "maria@example.org", HTTP_HOST="evil.example").status_code == 302
    email = Email.objects.get(kind="events.confirmation")
    assert (email.recipient, email.language) == ("maria@example.org", "es")
    wait_for(lambda: len(mail.outbox) == 2, what="the worker to send the registration")
    message = mail.outbox[1]
    assert message.subject == "Su inscripción: Reunión del proyecto en Cáceres"
    assert "http://127.0.0.1:8123/es/secon/events/caceres/me/" in message.body
    assert "evil.example" not in message.body
    names = [name for name, _content, _type in message.attachments]
    assert names == ["event.ics", "check-in-code.png"]
    assert b"http://127.0.0.1:8123/" in message.attachments[0][1].encode()


def test_a_dead_mail_server_never_fails_a_registration(queue, worker, event, settings):
    for name, value in smtp_settings(closed_port()).items():
        setattr(settings, name, value)
    worker()
    response = register(Client(), "ana@example.org")
    assert response.status_code == 302
    assert HeldRegistration.objects.filter(email="ana@example.org").exists()  # kept, waiting for the link
    wait_for(
        lambda: Email.objects.filter(status=Email.Status.FAILING).exists(), what="the first attempt to fail"
    )
    with SMTPSink() as sink:
        settings.EMAIL_PORT = sink.port
        from secon.core.permissions import SYSTEM
        from secon.mail.services import send_again

        send_again(actor=SYSTEM, email=Email.objects.get())
        wait_for(lambda: sink.messages, what="the e-mail sent once the server is back")
    assert sink.messages[0]["to"] == ["ana@example.org"]
