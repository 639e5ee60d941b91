"""A material change of the privacy notice e-mails each person once per version, whichever apps know
them: a subscriber who is also a contact gets the newsletter's e-mail only, a subscriber who is also
a registrant (their personal page asks them) gets the events app's e-mail only; agreeing there
keeps their newsletter under the new version too."""

import datetime

import pytest
from django_scopes import scopes_disabled

from django.core import mail
from django.utils import timezone

from secon.communications.models import Subscriber
from secon.communications.selectors import subscriber_notice_to_agree_again
from secon.core.permissions import SYSTEM
from secon.events.models import Event, Registration
from secon.events.services import consents, registrations
from secon.mail.models import Email
from secon.organisations import notice_services
from tests.events.factories import EventFactory, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])


def publish(project, text, **values):
    return notice_services.publish_notice(actor=SYSTEM, project=project, texts={"en": text}, **values)


def subscribe(project, email, notice):
    return Subscriber.objects.create(
        project=project,
        email=email,
        language="en",
        status="confirmed",
        consent_version="2026-12",
        consent_text="I want the newsletter.",
        privacy_notice=notice,
        requested_at=timezone.now(),
        confirmed_at=timezone.now(),
        nonce="n",
    )


def register(project, email, *, long_ago=False):
    event = EventFactory(project=project, capacity=30)
    registrations.register_participant(event=event, **registration_values(email=email))
    if long_ago:  # their personal link no longer opens: a contact only
        with scopes_disabled():
            Event.objects.filter(pk=event.pk).update(
                start_date=datetime.date(2020, 5, 4), end_date=datetime.date(2020, 5, 5)
            )


def test_each_person_gets_one_e_mail_per_version(project, django_capture_on_commit_callbacks):
    first = publish(project, "One")
    register(project, "ana@example.org", long_ago=True)  # contact + subscriber
    subscribe(project, "Ana@example.org", first)
    register(project, "bo@example.org")  # registrant + subscriber
    subscribe(project, "bo@example.org", first)
    register(project, "cy@example.org", long_ago=True)  # contact only
    subscribe(project, "di@example.org", first)  # subscriber only
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(project, "Two", material=True, changes={"en": "We share photos with the press."})

    with scopes_disabled():
        kinds = {
            address: sorted(
                Email.objects.filter(recipient__iexact=address, params__version=version.pk).values_list(
                    "kind", flat=True
                )
            )
            for address in ("ana@example.org", "bo@example.org", "cy@example.org", "di@example.org")
        }
    assert kinds == {
        "ana@example.org": ["communications.agree_again"],
        "bo@example.org": ["events.agree_again"],
        "cy@example.org": ["organisations.agree_again"],
        "di@example.org": ["communications.agree_again"],
    }
    sent = sorted(message.to[0].lower() for message in mail.outbox)
    assert sent == ["ana@example.org", "bo@example.org", "cy@example.org", "di@example.org"]


def test_agreeing_where_the_one_e_mail_asked_keeps_the_newsletter_too(
    project, django_capture_on_commit_callbacks
):
    first = publish(project, "One")
    register(project, "bo@example.org")
    subscribe(project, "BO@example.org", first)
    subscribe(project, "other@example.org", first)
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(project, "Two", material=True, changes={"en": "We share photos with the press."})
    with scopes_disabled():
        registration = Registration.objects.get(person__email="bo@example.org")
    assert (
        consents.agree_to_current_notice(registration=registration) == version
    )  # the personal page's button
    bo, other = Subscriber.objects.order_by("email")
    assert bo.privacy_notice == version  # their subscription, asked about in no e-mail, is answered too
    assert other.privacy_notice == first  # nobody else's
    assert subscriber_notice_to_agree_again(subscriber=bo) is None
