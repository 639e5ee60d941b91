"""Every consent box of an event links to the project's current privacy notice, the consents record the
version the person was shown, and a material change is shown (and agreed to) on the personal page."""

import pytest

from django.core import mail

from secon.communications.models import Subscriber
from secon.core.permissions import SYSTEM
from secon.events.holds import HeldRegistration
from secon.events.links import make_token
from secon.events.models import Registration
from secon.events.services import registrations
from secon.organisations import notice_services
from secon.organisations.models import Consent, Person
from secon.organisations.selectors import current_consents
from tests.events.factories import EventFactory, confirm_by_email, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    return EventFactory(project=project, slug="caceres", title={"en": "Meeting in Cáceres"}, capacity=30)


def publish(project, text, material=False):
    return notice_services.publish_notice(
        actor=SYSTEM, project=project, texts={"en": text}, material=material
    )


def form(**overrides):
    return {
        "first_name": "Ana",
        "last_name": "García",
        "email": "ana@example.org",
        "language": "en",
        "consent_terms": "on",
        "consent_photos": "on",
        **overrides,
    }


def test_the_form_links_the_current_notice_and_the_consents_record_its_version(client, event):
    publish(event.project, "One")
    v2 = publish(event.project, "Two")
    page = client.get("/en/secon/events/caceres/register/").content.decode()
    assert 'href="/en/secon/privacy/"' in page and "version 2 of" in page
    assert '<input type="hidden" name="privacy_notice" value="2">' in page
    response = client.post("/en/secon/events/caceres/register/", form(privacy_notice="2"))
    assert response.status_code == 302
    assert confirm_by_email(client, "ana@example.org").status_code == 302
    person = Person.objects.get(email="ana@example.org")
    assert {consent.notice for consent in Consent.objects.filter(person=person)} == {v2}
    assert current_consents(person=person)["photos"].granted is True


def test_a_notice_published_while_the_form_was_open_is_shown_before_anything_is_saved(client, event):
    publish(event.project, "One")
    publish(event.project, "Two")
    response = client.post("/en/secon/events/caceres/register/", form(privacy_notice="1"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "privacy notice has changed since this page was opened" in html
    assert '<input type="hidden" name="privacy_notice" value="2">' in html
    assert not Person.objects.exists() and not Registration.objects.exists()
    for forged in ("99", "abc", "-1"):
        response = client.post("/en/secon/events/caceres/register/", form(privacy_notice=forged))
        assert response.status_code == 400
    assert not Person.objects.exists()


def test_a_held_registration_records_the_version_its_form_showed(
    client, event, django_capture_on_commit_callbacks
):
    v1 = publish(event.project, "One")
    registrations.register_participant(
        event=EventFactory(project=event.project, slug="athens"),
        **registration_values(email="eleni@example.org"),
    )
    client.post("/en/secon/events/caceres/register/", form(email="eleni@example.org", privacy_notice="1"))
    held = HeldRegistration.objects.get()
    publish(event.project, "Two")  # published before the owner confirms
    page = client.get(f"/en/secon/events/caceres/register/confirm/{held.key}/").content.decode()
    assert "version 1 of" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/en/secon/events/caceres/register/confirm/{held.key}/").status_code == 302
    person = Person.objects.get(email="eleni@example.org")
    latest = Consent.objects.filter(person=person, kind="photos").latest("recorded_at", "pk")
    assert latest.granted is True and latest.notice == v1
    assert any("caceres" in message.body for message in mail.outbox)


def test_the_personal_page_shows_the_version_agreed_to_and_asks_again_after_a_material_change(client, event):
    publish(event.project, "One")
    registration = registrations.register_participant(
        event=event, **registration_values(email="ana@example.org")
    )
    link = f"/en/secon/events/caceres/me/{make_token(registration)}/"
    html = client.get(link).content.decode()
    assert "You agreed to" in html and 'href="/en/secon/privacy/1/"' in html
    publish(event.project, "Two")
    html = client.get(link).content.decode()
    assert "current version</a> is 2" in html and "need no new agreement" in html
    v3 = publish(event.project, "Three", material=True)
    html = client.get(link).content.decode()
    assert "The privacy notice has changed" in html and "I have read version 3 and agree" in html
    response = client.post(link, {"action": "agree_again"})
    assert response.status_code == 302
    person = registration.person
    granted = {kind: c for kind, c in current_consents(person=person).items() if c.granted}
    assert {consent.notice for consent in granted.values()} == {v3}
    assert current_consents(person=person)["photos"].granted is False  # not given, not given now
    html = client.get(link).content.decode()
    assert "The privacy notice has changed" not in html and "version 3 of the privacy notice" in html
    before = Consent.objects.count()
    client.post(link, {"action": "agree_again"})  # again: nothing more to agree to
    assert Consent.objects.count() == before


def test_the_newsletter_form_links_the_notice_and_the_subscription_keeps_its_version(client, event):
    version = publish(event.project, "One")
    page = client.get("/en/secon/newsletter/").content.decode()
    assert 'href="/en/secon/privacy/"' in page
    response = client.post(
        "/en/secon/newsletter/", {"email": "reader@example.org", "language": "en", "consent": "on"}
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().privacy_notice == version
