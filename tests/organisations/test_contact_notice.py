"""A privacy notice published as a material change: the people known only as contacts (their personal
links have expired, they are no subscribers) who agreed to an earlier version are e-mailed by the
worker, in their language, a signed link of their own to a page whose buttons (POSTs only) record their
agreement or withdraw their consents; one e-mail per person and version, none to a suppressed address."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from freezegun import freeze_time

from django.core import mail
from django.test import Client

from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.events.models import Event
from secon.events.services import registrations
from secon.mail import services as mail_services
from secon.mail.models import Email
from secon.organisations import contact_notice, notice_services
from secon.organisations.erasure import erase_person
from secon.organisations.models import Consent, Person
from secon.organisations.selectors import current_consents, notice_to_agree_again
from secon.organisations.services import record_consents, update_person
from secon.projects.tenancy import scopes_disabled
from tests.events.factories import EventFactory, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PRESS = "Compartimos las fotos con la prensa."
LINK = re.compile(r"http\S+/privacy/agree/\S+/")


@pytest.fixture
def project():
    return ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])


def publish(project, text, **values):
    return notice_services.publish_notice(actor=SYSTEM, project=project, texts={"en": text}, **values)


def past_participant(project, email, **values):
    """Someone who registered for an event so long ago that their personal link no longer opens."""
    event = EventFactory(project=project, capacity=30)
    registrations.register_participant(event=event, **registration_values(email=email, **values))
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(
            start_date=datetime.date(2020, 5, 4), end_date=datetime.date(2020, 5, 5)
        )
    return Person.objects.get(email=email)


def contact_mail(address):
    found = [message for message in mail.outbox if message.to == [address]]
    assert len(found) == 1, [message.subject for message in found]
    return found[0]


def link_of(message) -> str:
    return urlsplit(LINK.search(message.body).group(0)).path


@pytest.fixture
def changed(project, django_capture_on_commit_callbacks):
    """Version 1 agreed to by a past participant, then version 2 published as a material change."""
    publish(project, "One")
    ana = past_participant(project, "ana@example.org", language="es")
    Person.objects.filter(pk=ana.pk).update(preferred_language="es")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(
            project, "Two", material=True, changes={"es": "Compartimos las fotos con la prensa."}
        )
    return Person.objects.get(pk=ana.pk), version


def test_the_contacts_no_personal_page_reaches_are_e_mailed_once_in_their_language(
    project, django_capture_on_commit_callbacks
):
    publish(project, "One")
    ana = past_participant(project, "ana@example.org", language="es")
    Person.objects.filter(pk=ana.pk).update(preferred_language="es")
    past_participant(project, "bob@example.org")
    past_participant(project, "dora@example.org")
    # Carol's personal page still opens: the events app asks her, she gets no second e-mail.
    registrations.register_participant(
        event=EventFactory(project=project, capacity=30), **registration_values(email="carol@example.org")
    )
    # Erik withdrew everything he had given: nothing is left to agree to.
    erik = past_participant(project, "erik@example.org")
    record_consents(actor=SYSTEM, person=erik, granted=dict.fromkeys(current_consents(person=erik), False))
    # Another project's notice is not this one.
    other = ProjectFactory(slug="other")
    publish(other, "Elsewhere")
    past_participant(other, "fritz@example.org")
    assert mail_services.suppress_address(address="DORA@example.org", reason="bounce")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(
            project, "Two", material=True, changes={"es": "Compartimos las fotos con la prensa."}
        )

    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "bob@example.org",
        "carol@example.org",
    ]
    assert "/events/" in contact_mail("carol@example.org").body  # her personal page, not a contact link
    spanish = contact_mail("ana@example.org")
    assert spanish.subject == "SECON ha cambiado su aviso de privacidad: léalo y vuelva a dar su conformidad"
    assert "Compartimos las fotos con la prensa." in spanish.body
    assert "/es/secon/privacy/2/" in spanish.body
    assert link_of(spanish).startswith("/es/secon/privacy/agree/")
    assert "/en/secon/privacy/agree/" in contact_mail("bob@example.org").body
    # The suppressed address: recorded as not sent, so the coordinators see why.
    held = Email.objects.get(kind=contact_notice.KIND, recipient="dora@example.org")
    assert held.status == Email.Status.SUPPRESSED
    # A retried task e-mails nobody twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert contact_notice.ask_contacts_to_agree_again.func(version=version.pk) == 0
    assert mail.outbox == []


def test_the_page_shows_the_change_and_only_its_button_records_the_agreement(changed):
    ana, version = changed
    path = link_of(contact_mail("ana@example.org"))
    before = Consent.objects.count()
    client = Client()
    page = client.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    text = page.content.decode()
    assert "Compartimos las fotos con la prensa." in text
    assert 'name="answer" value="agree"' in text and 'name="answer" value="withdraw"' in text
    assert client.head(path).status_code == 200
    assert Consent.objects.count() == before  # a mail scanner following the link changes nothing

    response = client.post(path, {"answer": "agree", "number": version.number})
    assert response.status_code == 200
    assert "Gracias" in response.content.decode()
    assert notice_to_agree_again(person=ana, project=version.project) is None
    given = [consent for consent in current_consents(person=ana).values() if consent.granted]
    assert given and all(consent.notice == version for consent in given)
    assert all("privacy notice version 2" in consent.source for consent in given)
    assert AuditEntry.objects.filter(
        model="organisations.consent", object_id__in=[str(c.pk) for c in given]
    ).count() == len(given)
    # The same link again, or a second click: nothing more is recorded.
    after = Consent.objects.count()
    assert client.post(path, {"answer": "agree", "number": version.number}).status_code == 200
    assert "Nothing to agree to" in client.get(path.replace("/es/", "/en/")).content.decode()
    assert Consent.objects.count() == after
    # Once answered, an e-mail still waiting in the queue is not sent.
    assert contact_notice.render_agree_again(version=version.pk, person=ana.pk) is None


def test_withdrawing_from_the_page_withdraws_every_consent_against_the_new_version(changed):
    ana, version = changed
    path = link_of(contact_mail("ana@example.org"))
    given = [kind for kind, consent in current_consents(person=ana).items() if consent.granted]
    Client().post(path, {"answer": "withdraw", "number": version.number})
    now = current_consents(person=ana)
    assert all(not now[kind].granted and now[kind].notice == version for kind in given)
    assert notice_to_agree_again(person=ana, project=version.project) is None


def test_an_expired_forged_foreign_or_stale_link_records_nothing(
    project, changed, django_capture_on_commit_callbacks
):
    ana, version = changed
    path = link_of(contact_mail("ana@example.org"))
    before = Consent.objects.count()
    client = Client()
    with freeze_time(datetime.datetime.now() + datetime.timedelta(days=contact_notice.LINK_DAYS + 1)):
        expired = client.post(path, {"answer": "agree", "number": version.number})
    assert expired.status_code == 410
    assert "caducado" in expired.content.decode()
    assert client.post(path[:-3] + "xx/", {"answer": "agree"}).status_code == 404
    assert client.get("/en/secon/privacy/agree/not-a-token/").status_code == 404
    ProjectFactory(slug="other")
    assert client.post(path.replace("/secon/", "/other/"), {"answer": "agree"}).status_code == 404
    # A button pressed on a page showing version 2 after version 3 came: nothing recorded, version 3 shown.
    with django_capture_on_commit_callbacks(execute=True):
        publish(project, "Three", material=True)
    stale = client.post(path.replace("/es/", "/en/"), {"answer": "agree", "number": version.number})
    assert stale.status_code == 200
    assert "Version 3 changes it materially" in stale.content.decode()
    assert client.post(path, {"answer": "agree", "number": "x"}).status_code == 200  # bad input: shown again
    assert Consent.objects.count() == before
    # A link for an address that has changed, or for a person who was erased, opens nothing.
    update_person(actor=SYSTEM, person=ana, email="ana.new@example.org")
    assert client.get(path).status_code == 404
    update_person(actor=SYSTEM, person=Person.objects.get(pk=ana.pk), email="ana@example.org")
    assert client.get(path).status_code == 200
    erase_person(actor=SYSTEM, person=Person.objects.get(pk=ana.pk))
    assert client.get(path).status_code == 404
    assert Consent.objects.filter(person=ana, notice__number=3).count() == 0
