"""The mail service's webhook: hard bounces and complaints suppress the address in every project,
so no newsletter reaches it; a wrong secret or a malformed body is refused with a clear answer."""

import base64
import json

import pytest

from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from secon.communications.models import Subscriber
from secon.communications.services import newsletter
from secon.communications.services.suppression import MailEvent, apply_mail_events
from secon.communications.tasks import send_batch
from secon.mail.models import Email
from tests.accounts.world import client_for
from tests.communications.test_newsletter import _campaign, _deliver_all, _subscribed

pytestmark = pytest.mark.django_db

SECRET = "s3cret-of-the-bounce-webhook-0123"


@pytest.fixture(autouse=True)
def _secret(database_queue):
    # override_settings inside the queue's override, not pytest-django's `settings`: that one is
    # undone after the queue's and would restore the database queue for every later test.
    with override_settings(BOUNCE_WEBHOOK_SECRET=SECRET):
        yield


def _post(body, secret=SECRET, raw=False, basic=False):
    headers = {}
    if secret is not None:
        basic_value = base64.b64encode(f"postmark:{secret}".encode()).decode()
        headers["HTTP_AUTHORIZATION"] = f"Basic {basic_value}" if basic else f"Bearer {secret}"
    content = body if raw else json.dumps(body)
    return Client().post("/hooks/mail-events", content, content_type="application/json", **headers)


def test_a_hard_bounce_suppresses_the_address_and_the_campaign_skips_it(world):
    _subscribed(world, "gone@example.org", "es")
    _subscribed(world, "reader@example.org", "es")
    response = _post({"events": [{"type": "bounce", "email": "GONE@example.org"}]})
    assert response.status_code == 200 and response.json() == {"received": 1, "suppressed": 1}
    assert Subscriber.objects.get(email="gone@example.org").status == "suppressed"
    mail.outbox.clear()
    campaign = _campaign(world)
    newsletter.start_campaign(actor=world.users["coordinator"], campaign=campaign)
    send_batch(campaign_id=campaign.pk)
    assert [message.to[0] for message in _deliver_all()] == ["reader@example.org"]
    # Asking again sends no confirmation to a suppressed address.
    Client().post("/en/alpha/newsletter/", {"email": "gone@example.org", "language": "es", "consent": "on"})
    assert not Email.objects.filter(recipient="gone@example.org", status="queued").exists()


def test_a_bounce_after_the_batch_was_queued_suppresses_the_e_mail(world):
    _subscribed(world, "late@example.org", "es")
    campaign = _campaign(world)
    newsletter.start_campaign(actor=world.users["coordinator"], campaign=campaign)
    send_batch(campaign_id=campaign.pk)
    mail.outbox.clear()
    apply_mail_events([MailEvent("complaint", "late@example.org")])
    assert _deliver_all() == []
    assert Email.objects.get(kind="communications.newsletter").status == "suppressed"


def test_postmarks_bodies_with_basic_authentication(world):
    _subscribed(world, "spam@example.org", "es")
    _subscribed(world, "full@example.org", "es")
    soft = {"RecordType": "Bounce", "Type": "SoftBounce", "Email": "full@example.org", "Inactive": False}
    assert _post(soft, basic=True).json()["suppressed"] == 0
    complaint = {"RecordType": "SpamComplaint", "Email": "spam@example.org"}
    assert _post(complaint, basic=True).json()["suppressed"] == 1
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses == {"spam@example.org": "suppressed", "full@example.org": "confirmed"}


@pytest.mark.parametrize(
    ("body", "secret", "raw", "status", "error"),
    [
        ({"type": "bounce", "email": "a@example.org"}, None, False, 401, "missing or wrong secret"),
        ({"type": "bounce", "email": "a@example.org"}, "wrong" * 6, False, 401, "missing or wrong secret"),
        ("{not json", SECRET, True, 400, "not JSON"),
        ([1, 2], SECRET, False, 400, "expected a JSON object"),
        ({"events": []}, SECRET, False, 400, "non-empty list"),
        ({"type": "delivered", "email": "a@example.org"}, SECRET, False, 400, "“bounce” or “complaint”"),
        ({"type": "bounce", "email": "not an address"}, SECRET, False, 400, "not an e-mail address"),
        ({"type": "bounce", "email": "a@example.org", "permanent": "1"}, SECRET, False, 400, "true or false"),
        ({"RecordType": "Open", "Email": "a@example.org"}, SECRET, False, 400, "neither Bounce"),
    ],
)
def test_a_wrong_secret_or_a_malformed_body_changes_nothing(world, body, secret, raw, status, error):
    _subscribed(world, "a@example.org", "es")
    response = _post(body, secret=secret, raw=raw)
    assert response.status_code == status and error in response.json()["error"]
    assert Subscriber.objects.get(email="a@example.org").status == "confirmed"


def test_the_hook_is_off_without_a_secret_and_takes_only_post(settings, world):
    assert Client().get("/hooks/mail-events").status_code == 405
    settings.BOUNCE_WEBHOOK_SECRET = ""
    assert _post({"type": "bounce", "email": "a@example.org"}).status_code == 404


def test_the_officer_sees_how_many_addresses_are_suppressed(client, world):
    _subscribed(world, "one@example.org", "es")
    _subscribed(world, "two@example.org", "en")
    apply_mail_events([MailEvent("bounce", "one@example.org"), MailEvent("complaint", "two@example.org")])
    html = client_for(client, world, "coordinator").get(reverse("communications:campaigns", args=["alpha"]))
    assert "2 addresses are suppressed" in html.content.decode()
