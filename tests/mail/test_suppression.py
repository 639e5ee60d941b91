"""A hard-bounced or complained address gets only what its owner needs for their own action, in every
app: the rule is in the mail layer, the e-mail is recorded as "suppressed", a coordinator lifts it."""

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse

from secon.core.models import AuditEntry
from secon.events import emails as event_emails
from secon.events.models import Registration
from secon.events.services.messaging import message_participants
from secon.mail import rendering, services
from secon.mail.models import Email, Suppression
from secon.mail.suppression import is_suppressed
from secon.mail.tasks import deliver_email
from tests.accounts.world import build_world, client_for
from tests.events.factories import EventFactory, register

pytestmark = pytest.mark.django_db

#: The documented e-mails a suppressed address still gets (secon/mail/suppression.py).
OWN_ACTION = {"events.confirmation", "events.hold", "events.personal_links", "events.data_export"}


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def event(world):
    return EventFactory(project=world.projects["a"], slug="caceres", title={"en": "Meeting in Cáceres"})


def suppress(address, reason="bounce"):
    assert services.suppress_address(address=address, reason=reason)


def test_the_e_mails_a_suppressed_address_still_gets_are_the_documented_ones():
    # Every app's renderers are registered once Django is set up; the list changes only on purpose.
    assert rendering.OWN_ACTION == OWN_ACTION
    assert "communications.newsletter" in rendering.RENDERERS
    assert "communications.confirm_subscription" not in rendering.OWN_ACTION


def test_a_registration_confirmation_goes_an_organisers_message_does_not(
    event, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, 1, email="ana1@example.org", language="es")
    suppress("ANA1@example.org ", reason="complaint")  # addresses are compared lower-cased
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_emails.queue_confirmation(registration)  # e.g. she changed her sessions
        message_participants(
            actor=world.users["coordinator"],
            event=event,
            subject="Bus to the study visit",
            body="The bus leaves at 9:00.",
            statuses=["confirmed"],
        )
    [sent] = mail.outbox  # the confirmation, rendered in her language, nothing else
    assert sent.to == ["ana1@example.org"] and "Cáceres" in sent.subject
    message = Email.objects.get(kind="events.message")
    assert message.status == Email.Status.SUPPRESSED and message.sent_at is None
    assert str(message.get_status_display()) == "suppressed (the address bounced or complained)"
    assert Email.objects.filter(kind="events.confirmation", status=Email.Status.SENT).count() == 2


def test_a_bounce_between_queueing_and_sending_stops_the_e_mail(event, world):
    registration = register(event, 2, email="ana2@example.org")
    Email.objects.all().delete()
    event_emails.queue_promotion(registration)  # queued while the address still worked …
    email = Email.objects.get()
    assert email.status == Email.Status.QUEUED
    suppress("ana2@example.org")  # … then it bounced
    assert deliver_email(email_id=email.pk) == "suppressed"
    email.refresh_from_db()
    assert email.status == Email.Status.SUPPRESSED and email.attempts == 1
    assert mail.outbox == []


def test_a_second_report_changes_nothing_and_a_lifted_address_is_suppressed_again(world, event):
    suppress("ana3@example.org", reason="bounce")
    assert services.suppress_address(address="ana3@example.org", reason="complaint") is False
    assert Suppression.objects.get().reason == "bounce"
    registration = register(event, 3, email="ana3@example.org")
    found = Suppression.objects.get()
    coordinator, project = world.users["coordinator"], world.projects["a"]
    services.lift_suppression(actor=coordinator, project=project, suppression=found, reason="Mailbox fixed")
    assert not is_suppressed("ana3@example.org")
    mail.outbox.clear()
    event_emails.queue_promotion(registration)
    assert deliver_email(email_id=Email.objects.get(kind="events.promotion").pk) == "sent"
    assert services.suppress_address(address="ana3@example.org", reason="complaint") is True
    found.refresh_from_db()
    assert (found.reason, found.lifted_at, found.lift_reason) == ("complaint", None, "")


def _page(client, world, role="coordinator", project="alpha"):
    return client_for(client, world, role).get(reverse("mail:suppressed", args=[project]))


def test_the_coordinator_sees_the_address_and_lifts_it_with_a_reason(client, world, event):
    register(event, 4, email="ana4@example.org")
    suppress("ana4@example.org")
    suppress("stranger@example.org")  # never written to by this project: not shown
    event_emails.queue_promotion(Registration.objects.get())
    page = _page(client, world)
    html = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert "ana4@example.org" in html and "stranger@example.org" not in html
    assert "hard bounce" in html and "1 e-mail of this project" in html
    undelivered = client.get(reverse("mail:undelivered", args=["alpha"])).content.decode()
    assert "1 address gets no announcements or newsletters" in undelivered

    found = Suppression.objects.get(address="ana4@example.org")
    url = reverse("mail:lift", args=["alpha", found.pk])
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    found.refresh_from_db()
    assert found.is_active

    response = client.post(url, {"reason": "She fixed her mailbox (phone call)."})
    assert response.status_code == 302
    found.refresh_from_db()
    assert not found.is_active and found.lifted_by == world.users["coordinator"]
    entry = AuditEntry.objects.filter(model="mail.suppression", object_id=str(found.pk)).latest("pk")
    assert entry.actor == world.users["coordinator"] and entry.project_id == world.projects["a"].pk
    assert entry.changes["lift_reason"] == ["", "She fixed her mailbox (phone call)."]
    html = client.get(reverse("mail:suppressed", args=["alpha"])).content.decode()
    assert "Lifted suppressions" in html and "She fixed her mailbox (phone call)." in html
    assert "No address this project writes to is suppressed." in html


def test_the_lift_page_in_german(client, world, event):
    register(event, 5, email="ana5@example.org")
    suppress("ana5@example.org", reason="complaint")
    client_for(client, world, "coordinator")
    html = client.get("/de/alpha/emails/suppressed/").content.decode()
    assert "Gesperrte Adressen" in html and "Beschwerde (als Spam markiert)" in html


@pytest.mark.parametrize(("role", "status"), [("editor", 403), ("viewer", 403)])
def test_only_coordinators_see_and_lift(client, world, event, role, status):
    register(event, 6, email="ana6@example.org")
    suppress("ana6@example.org")
    found = Suppression.objects.get()
    assert _page(client, world, role).status_code == status
    assert client.post(reverse("mail:lift", args=["alpha", found.pk]), {"reason": "x"}).status_code == status
    assert Suppression.objects.get().is_active


def test_another_projects_coordinator_cannot_lift_an_address_it_never_wrote_to(client, world, event):
    register(event, 7, email="ana7@example.org")
    suppress("ana7@example.org")
    found = Suppression.objects.get()
    client_for(client, world, "other_coordinator")
    assert client.post(reverse("mail:lift", args=["beta", found.pk]), {"reason": "x"}).status_code == 404
    assert Suppression.objects.get().is_active
    assert Client().get(reverse("mail:suppressed", args=["alpha"])).status_code == 302  # sign in first


def test_the_page_runs_a_bounded_number_of_queries(client, world, event, django_assert_max_num_queries):
    for n in range(8, 20):
        register(event, n, email=f"ana{n}@example.org")
        suppress(f"ana{n}@example.org")
    client_for(client, world, "coordinator")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("mail:suppressed", args=["alpha"])).status_code == 200
