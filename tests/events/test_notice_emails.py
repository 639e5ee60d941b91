"""A privacy notice published as a material change: the people who agreed to an earlier version are
e-mailed by the worker, in their language, with a link to their personal page; nobody twice."""

import re
from urllib.parse import urlsplit

import pytest

from django.conf import settings
from django.core import mail
from django.test import Client

from secon.core.permissions import SYSTEM
from secon.events.notice_emails import ask_to_agree_again
from secon.events.services import registrations
from secon.organisations import notice_services
from secon.organisations.models import Person
from secon.organisations.selectors import notice_to_agree_again
from tests.events.factories import EventFactory, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    return EventFactory(project=project, slug="caceres", title={"en": "Meeting in Cáceres"}, capacity=30)


def publish(project, text, **values):
    return notice_services.publish_notice(actor=SYSTEM, project=project, texts={"en": text}, **values)


def test_a_material_change_e_mails_those_who_agreed_before_in_their_language(
    event, django_capture_on_commit_callbacks
):
    publish(event.project, "One")
    registrations.register_participant(
        event=event, **registration_values(email="ana@example.org", language="es")
    )
    registrations.register_participant(event=event, **registration_values(email="bob@example.org"))
    other = EventFactory(project=ProjectFactory(slug="other"), slug="elsewhere")
    publish(other.project, "Elsewhere")
    registrations.register_participant(event=other, **registration_values(email="carol@example.org"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(event.project, "Two")  # not material: nobody is asked
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(
            event.project, "Three", material=True, changes={"es": "Compartimos las fotos con la prensa."}
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["ana@example.org", "bob@example.org"]  # not Carol: another project
    spanish = by_address["ana@example.org"]
    assert spanish.subject == "SECON ha cambiado su aviso de privacidad: léalo y vuelva a dar su conformidad"
    assert "Compartimos las fotos con la prensa." in spanish.body
    assert f"{settings.SITE_URL.rstrip('/')}/es/secon/privacy/3/" in spanish.body
    personal = re.search(r"http\S+/es/secon/events/caceres/me/\S+/", spanish.body).group(0)
    assert personal.startswith(settings.SITE_URL.rstrip("/"))
    assert "Three" not in by_address["bob@example.org"].body  # the notice is linked, not copied
    # The link opens the page whose button records the agreement; then nothing more is asked.
    client = Client()
    page = client.get(urlsplit(personal).path)
    assert 'name="action" value="agree_again"' in page.content.decode()
    assert client.post(urlsplit(personal).path, {"action": "agree_again"}).status_code == 302
    ana = Person.objects.get(email="ana@example.org")
    assert notice_to_agree_again(person=ana, project=event.project) is None
    # A retried task sends nobody a second e-mail.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_to_agree_again.func(version=version.pk) == 0
    assert mail.outbox == []
