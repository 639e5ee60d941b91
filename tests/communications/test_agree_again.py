"""A privacy notice published as a material change: the newsletter's subscribers (no account, no
registration) who agreed to an earlier version are e-mailed by the worker in their language, with a
link to a page whose button records their agreement; nobody twice, nothing changed until they answer."""

import re
from urllib.parse import urlsplit

import pytest

from django.core import mail
from django.test import Client
from django.utils import timezone

from secon.communications.models import Subscriber
from secon.communications.notice_emails import ask_subscribers_to_agree_again
from secon.communications.selectors import subscriber_notice_to_agree_again
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.organisations import notice_services
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es", "de"])


def publish(project, text, **values):
    return notice_services.publish_notice(actor=SYSTEM, project=project, texts={"en": text}, **values)


def subscriber(project, email, *, language="en", status="confirmed", notice=None):
    return Subscriber.objects.create(
        project=project,
        email=email,
        language=language,
        status=status,
        consent_version="2026-12",
        consent_text="I want the newsletter.",
        privacy_notice=notice,
        requested_at=timezone.now(),
        confirmed_at=timezone.now() if status == "confirmed" else None,
        nonce="n",
    )


def link(message) -> str:
    return urlsplit(re.search(r"http\S+/newsletter/agree/\S+/", message.body).group(0)).path


def test_a_material_change_asks_the_subscribers_who_agreed_before_in_their_language(
    project, django_capture_on_commit_callbacks
):
    first = publish(project, "One")
    subscriber(project, "lena@example.org", language="de", notice=first)
    subscriber(project, "bob@example.org", notice=first)
    subscriber(project, "pending@example.org", status="pending", notice=first)
    subscriber(project, "gone@example.org", status="unsubscribed", notice=first)
    subscriber(project, "before@example.org")  # subscribed before any notice: agreed to none
    elsewhere = ProjectFactory(slug="other")
    subscriber(elsewhere, "carol@example.org", notice=publish(elsewhere, "Elsewhere"))
    with django_capture_on_commit_callbacks(execute=True):
        publish(project, "Two")  # not material: nobody is asked
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(
            project, "Three", material=True, changes={"de": "Wir nutzen einen neuen Versanddienst."}
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["bob@example.org", "lena@example.org"]
    german = by_address["lena@example.org"]
    assert german.subject == (
        "SECON hat seine Datenschutzhinweise geändert: Bitte stimmen Sie erneut zu, um den Newsletter weiter "
        "zu erhalten"
    )
    assert "Wir nutzen einen neuen Versanddienst." in german.body
    assert "/de/secon/privacy/3/" in german.body
    assert link(german).startswith("/de/secon/newsletter/agree/")
    # Nothing changes until the subscriber answers; a retried task sends nobody a second e-mail.
    lena = Subscriber.objects.get(email="lena@example.org")
    assert lena.privacy_notice == first and lena.status == "confirmed"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_subscribers_to_agree_again.func(version=version.pk) == 0
    assert mail.outbox == []


def test_only_the_pages_button_records_the_agreement(project, django_capture_on_commit_callbacks):
    first = publish(project, "One")
    reader = subscriber(project, "reader@example.org", language="es", notice=first)
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(project, "Two", material=True, changes={"en": "A new mailing service."})
    path = link(mail.outbox[0])
    client = Client()
    page = client.get(path)  # a mail scanner following the link agrees to nothing
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "A new mailing service." in html and "/es/secon/privacy/2/" in html
    assert "/newsletter/unsubscribe/" in html  # leaving instead is one click away
    reader.refresh_from_db()
    assert reader.privacy_notice == first
    assert Client(enforce_csrf_checks=True).post(path).status_code == 403  # a form's POST, not a click
    answer = client.post(path)
    assert answer.status_code == 200
    reader.refresh_from_db()
    assert reader.privacy_notice == version and reader.status == "confirmed"
    assert subscriber_notice_to_agree_again(subscriber=reader) is None
    assert AuditEntry.objects.filter(model="communications.subscriber", object_id=str(reader.pk)).exists()
    # The link again, or the e-mail rendered after the answer: nothing left to do.
    assert client.post(path).status_code == 200
    assert (
        "/newsletter/agree/" not in client.get(path).content.decode().split("<main", 1)[-1].split("<form")[0]
    )


def test_a_forged_or_foreign_link_is_refused(project, django_capture_on_commit_callbacks):
    first = publish(project, "One")
    subscriber(project, "reader@example.org", notice=first)
    with django_capture_on_commit_callbacks(execute=True):
        publish(project, "Two", material=True)
    path = link(mail.outbox[0])
    ProjectFactory(slug="other")
    assert Client().post(path.replace("/agree/", "/agree/x")).status_code == 404
    assert Client().post(path.replace("/secon/", "/other/")).status_code == 404
    assert Subscriber.objects.get().privacy_notice == first
