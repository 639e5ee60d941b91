"""The newsletter: double opt-in with recorded consent, one-click unsubscribe in the subscriber's language,
campaigns per language sent in batches without ever sending twice; pause, resume, cancel."""

import datetime
import re

import pytest
from freezegun import freeze_time

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from secon.communications.models import Campaign, Delivery, Subscriber
from secon.communications.services import newsletter
from secon.communications.tasks import send_batch
from secon.mail.models import Email
from secon.mail.tasks import deliver_email
from tests.accounts.world import client_for
from tests.communications.conftest import published_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _queue(database_queue):
    yield


def _deliver_all() -> list:
    for email in Email.objects.filter(status=Email.Status.QUEUED):
        deliver_email(email_id=email.pk)
    return mail.outbox


def _link(message, kind: str) -> str:
    return re.search(rf"http://testserver(/\w\w/alpha/newsletter/{kind}/[^/\s]+/)", message.body).group(1)


def _subscribed(world, email="reader@example.org", language="es") -> Subscriber:
    client = Client()
    client.post("/en/alpha/newsletter/", {"email": email, "language": language, "consent": "on"})
    message = _deliver_all()[-1]
    client.post(_link(message, "confirm"))
    return Subscriber.objects.get(email=email)


def test_subscribing_sends_a_link_whose_page_confirms_only_with_its_button(client, world):
    response = client.post(
        "/en/alpha/newsletter/", {"email": "reader@example.org", "language": "es", "consent": "on"}
    )
    assert response.status_code == 200 and "Check your inbox" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "pending" and subscriber.consent_version == newsletter.CONSENT_VERSION
    assert "ALPHA" in subscriber.consent_text and "español" in subscriber.consent_text.lower()
    (message,) = _deliver_all()
    assert message.to == ["reader@example.org"]
    url = _link(message, "confirm")
    assert url.startswith("/es/")  # the confirmation page opens in the subscriber's language
    assert client.get(url).status_code == 200  # a mail scanner following the link confirms nothing
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    assert client.post(url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.confirmed_at
    second = client.post(url)  # confirmed twice: a calm page, nothing changes
    assert second.status_code == 200 and second.context["changed"] is False


def test_a_link_older_than_seven_days_is_refused(client, world):
    client.post("/en/alpha/newsletter/", {"email": "late@example.org", "language": "en", "consent": "on"})
    url = _link(_deliver_all()[0], "confirm")
    with freeze_time(datetime.datetime.now() + datetime.timedelta(days=8)):
        response = client.post(url)
    assert response.status_code == 410
    assert Subscriber.objects.get().status == "pending"


def test_asking_again_replaces_the_old_link(client, world):
    for _n in range(2):
        client.post(
            "/en/alpha/newsletter/", {"email": "twice@example.org", "language": "en", "consent": "on"}
        )
    (message,) = _deliver_all()  # the first e-mail is dropped: its link was replaced before it went out
    assert client.post(_link(message, "confirm")).status_code == 200
    assert Subscriber.objects.get().status == "confirmed"
    assert Email.objects.filter(status=Email.Status.DROPPED).count() == 1


def test_bad_input_is_a_message_on_the_field_and_nothing_is_saved(client, world):
    response = client.post("/en/alpha/newsletter/", {"email": "not-an-address", "language": "en"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html or "Enter a valid e-mail address." in html
    response = client.post("/en/alpha/newsletter/", {"email": "a@example.org", "language": "en"})
    assert (
        response.status_code == 400 and "Please agree to receive the newsletter." in response.content.decode()
    )
    response = client.post(
        "/en/alpha/newsletter/", {"email": "a@example.org", "language": "xx", "consent": "on"}
    )
    assert response.status_code == 400
    assert not Subscriber.objects.exists() and not Email.objects.exists()
    assert client.get("/en/alpha/newsletter/confirm/forged-token/").status_code == 404


def test_unsubscribing_in_the_subscribers_language_and_with_one_click(client, world):
    from secon.communications.links import unsubscribe_url

    spanish = _subscribed(world, "es@example.org", "es")
    greek_less = _subscribed(world, "en@example.org", "en")
    url = unsubscribe_url(spanish).removeprefix("http://testserver")
    assert url.startswith("/es/")
    english_url = "/en/" + url[4:]
    assert client.get(english_url)["Location"] == url  # the page speaks the subscriber's language
    assert "Darse de baja" in client.get(url).content.decode()
    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    spanish.refresh_from_db()
    assert spanish.status == "unsubscribed" and greek_less.status == "confirmed"


def test_an_unsubscribe_token_for_another_address_is_refused(client, world):
    from django.core import signing

    victim = _subscribed(world, "victim@example.org", "en")
    forged = signing.dumps({"s": victim.pk, "a": "0" * 16}, salt="secon.communications.unsubscribe")
    assert client.post(f"/en/alpha/newsletter/unsubscribe/{forged}/").status_code == 404
    victim.refresh_from_db()
    assert victim.status == "confirmed"


def _campaign(world, language="es", **values):
    article = published_article(world.projects["a"], languages=("en", "es"))
    return newsletter.create_campaign(
        actor=world.users["editor"],
        project=world.projects["a"],
        language=language,
        subject="Noticias",
        introduction="Hola.",
        articles=[article],
        **values,
    )


def test_a_campaign_goes_in_batches_to_its_languages_subscribers_and_never_twice(world):
    for n in range(5):
        _subscribed(world, f"s{n}@example.org", "es")
    _subscribed(world, "english@example.org", "en")
    mail.outbox.clear()
    campaign = _campaign(world)
    Campaign.objects.filter(pk=campaign.pk).update(batch_size=2)
    with pytest.raises(PermissionDenied):
        newsletter.start_campaign(actor=world.users["editor"], campaign=campaign)
    newsletter.start_campaign(actor=world.users["coordinator"], campaign=campaign)
    with pytest.raises(ValidationError):  # started twice
        newsletter.start_campaign(actor=world.users["coordinator"], campaign=campaign)
    assert campaign.deliveries.count() == 5
    send_batch(campaign_id=campaign.pk)
    assert Delivery.objects.filter(status="queued").count() == 2
    newsletter.pause_campaign(actor=world.users["coordinator"], campaign=campaign)
    assert send_batch(campaign_id=campaign.pk) == "stopped"
    newsletter.resume_campaign(actor=world.users["coordinator"], campaign=campaign)
    for _n in range(5):  # a worker restarted mid-way runs the same job again: nothing is queued twice
        send_batch(campaign_id=campaign.pk)
    campaign.refresh_from_db()
    assert campaign.status == "sent"
    assert Email.objects.filter(kind="communications.newsletter").count() == 5
    messages = _deliver_all()
    assert sorted(message.to[0] for message in messages) == [f"s{n}@example.org" for n in range(5)]
    message = messages[0]
    assert message.subject == "Noticias" and "Title caceres es" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/es/alpha/newsletter/unsubscribe/"
    )


def test_cancelling_stops_those_not_reached(world):
    for n in range(3):
        _subscribed(world, f"c{n}@example.org", "es")
    campaign = _campaign(world)
    newsletter.start_campaign(actor=world.users["coordinator"], campaign=campaign)
    newsletter.cancel_campaign(actor=world.users["coordinator"], campaign=campaign)
    assert send_batch(campaign_id=campaign.pk) == "stopped"
    assert set(campaign.deliveries.values_list("status", flat=True)) == {"cancelled"}
    with pytest.raises(ValidationError):
        newsletter.cancel_campaign(actor=world.users["coordinator"], campaign=campaign)


@pytest.mark.parametrize(
    ("role", "page", "create"),
    [
        ("anonymous", "login", "login"),
        ("viewer", 200, 403),
        ("editor", 200, 302),
        ("coordinator", 200, 302),
        ("other_coordinator", 403, 403),
    ],
)
def test_the_newsletter_pages_for_each_role(client, world, role, page, create):
    from tests.accounts.world import outcome

    client = client_for(client, world, role)
    assert outcome(client.get("/en/alpha/communications/newsletters/")) in (page, "/en/accounts/login/")
    response = client.post(
        "/en/alpha/communications/newsletters/", {"language": "en", "subject": "Hello", "introduction": "Hi"}
    )
    result = outcome(response)
    assert (result if result in ("login", 403) else response.status_code) == create


def test_the_forms_read_no_records_when_imported():
    """Imported outside any project scope (a server starting), a form must not query a scoped model."""
    import importlib

    from django_scopes import scope

    from secon.communications.forms import articles, newsletter

    with scope():  # scoping on, no project: a query at import time would raise ScopeError
        importlib.reload(newsletter)
        importlib.reload(articles)
