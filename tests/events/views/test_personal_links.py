"""'Send my personal link again': the same neutral answer for every address, the links by e-mail only."""

import datetime

import pytest

from django.core import mail
from django.core.cache import cache
from django.test import Client

from secon.events.services import registrations
from secon.mail.models import Email
from tests.events.factories import EventFactory, register
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/en/events/personal-link/"
NEUTRAL = "If this address is registered for an event, an e-mail with its personal links is on its way."


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def events():
    project = ProjectFactory(slug="secon")
    caceres = EventFactory(project=project, slug="caceres", title={"en": "Cáceres meeting"})
    kalamata = EventFactory(project=project, slug="kalamata", title={"en": "Kalamata kick-off"})
    return caceres, kalamata


def ask(client, email, capture):
    mail.outbox.clear()
    with capture(execute=True):
        return client.post(URL, {"email": email}, follow=True)


def test_the_page_opens_and_is_private(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Send my personal link again" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_known_address_gets_its_links_by_e_mail(client, events, django_capture_on_commit_callbacks):
    caceres, kalamata = events
    register(caceres, 1, language="es")
    register(kalamata, 1, language="es", address_proven=True)  # confirmed from the e-mail
    cancelled = register(kalamata, 2)
    registrations.cancel_registration(registration=cancelled)
    response = ask(client, "ANA1@example.org ", django_capture_on_commit_callbacks)
    assert NEUTRAL in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["ana1@example.org"]
    assert message.subject == "Sus enlaces personales"
    assert message.body.count("/es/secon/events/") == 2
    assert "/secon/events/caceres/me/" in message.body and "/secon/events/kalamata/me/" in message.body


def test_an_unknown_address_gets_the_same_answer_and_nothing_is_sent(
    client, events, django_capture_on_commit_callbacks
):
    register(events[0], 1)
    known = ask(client, "ana1@example.org", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    unknown = ask(Client(), "nobody@example.org", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert unknown.status_code == known.status_code == 200
    assert NEUTRAL in unknown.content.decode()
    # Nothing about the address itself: the two pages say the same.
    assert unknown.content.decode().replace("nobody", "").count(NEUTRAL) == 1


def test_cancelled_only_or_long_past_registrations_send_nothing(client, django_capture_on_commit_callbacks):
    project = ProjectFactory(slug="secon")
    old = EventFactory(
        project=project,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 1, 2),
        status="published",
    )
    from secon.events.models import Registration

    person_registration = register(EventFactory(project=project), 3)
    registrations.cancel_registration(registration=person_registration)
    Registration.objects.create(
        project=project, event=old, person=person_registration.person, language="en", status="confirmed"
    )
    ask(client, "ana3@example.org", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_one_e_mail_per_address_every_ten_minutes(client, events, django_capture_on_commit_callbacks):
    register(events[0], 1)
    ask(client, "ana1@example.org", django_capture_on_commit_callbacks)
    again = ask(client, "ana1@example.org", django_capture_on_commit_callbacks)
    assert NEUTRAL in again.content.decode()  # the same answer …
    assert mail.outbox == []  # … but no second e-mail to flood the inbox
    assert Email.objects.filter(kind="events.personal_links").count() == 1


def test_a_client_asking_too_often_is_slowed_down(events, django_capture_on_commit_callbacks):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(10):
        assert client.post(URL, {"email": f"x{n}@example.org"}).status_code == 302
    response = client.post(URL, {"email": "x11@example.org"})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.10").post(URL, {"email": "x@example.org"}).status_code == 302


def test_a_bad_address_is_refused_on_its_field(client):
    response = client.post(URL, {"email": "not an address"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Email.objects.exists()


def test_the_lost_link_page_and_the_event_page_lead_here(client, events):
    assert URL in client.get("/en/secon/events/caceres/me/forged/").content.decode()
    assert URL in client.get("/en/secon/events/caceres/").content.decode()


def _trace(client, email):
    """What the requester can see of asking: the answer, and every row the request itself wrote."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from secon.core.models import Job

    before = set(Job.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"email": email})
    jobs = list(Job.objects.exclude(pk__in=before).values("task", "status", "project_id", "key"))
    tables = [
        query["sql"].split('"')[1] for query in queries if query["sql"].startswith(("INSERT", "UPDATE"))
    ]
    return {
        "status": response.status_code,
        "location": response["Location"],
        "queries": len(queries),
        "written": tables,
        "jobs": jobs,
        "emails": Email.objects.count(),
    }


def test_a_known_and_an_unknown_address_cost_the_request_the_same_work(
    events, django_capture_on_commit_callbacks
):
    """No oracle: the request writes one task either way; only the worker looks the address up."""
    register(events[0], 1)
    mail.outbox.clear()
    emails_before = Email.objects.count()
    known = _trace(Client(), "ana1@example.org")  # not run: the test client captures no on_commit here
    unknown = _trace(Client(), "nobody@example.org")
    assert known == unknown
    assert known["jobs"] == [
        {
            "task": "secon.events.tasks.look_up_personal_links",
            "status": known["jobs"][0]["status"],
            "project_id": None,
            "key": None,
        }
    ]
    assert known["emails"] == emails_before  # no e-mail recorded by the request itself
    # The worker then sends the links to the known address only.
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(URL, {"email": "ana1@example.org"})
        Client().post(URL, {"email": "nobody@example.org"})
    assert [message.to for message in mail.outbox] == [["ana1@example.org"]]
