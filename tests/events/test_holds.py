"""Every registration of the public form is held until its address confirms it: a known person's
consents and profile never change, their name never shows, and whoever fills in the form cannot tell
a known address from a new one."""

import datetime
import re

import pytest

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from secon.core.permissions import SYSTEM
from secon.events.holds import HeldRegistration
from secon.events.models import Registration
from secon.events.services import holds, registrations
from secon.events.tasks import purge_expired_holds
from secon.events.views.public import _personal_path
from secon.mail.models import Email
from secon.organisations.models import Consent, Person
from secon.organisations.selectors import current_consents
from tests.events.factories import EventFactory, SessionFactory, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    return EventFactory(project=project, slug="caceres", title={"en": "Meeting in Cáceres"}, capacity=30)


@pytest.fixture
def known(event):
    """Eleni registered for an earlier event: not on the public list, no photos."""
    earlier = EventFactory(project=event.project, slug="athens")
    registrations.register_participant(
        event=earlier,
        **registration_values(
            first_name="Eleni",
            last_name="Papadopoulou",
            email="eleni@example.org",
            consents={"terms": True, "photos": False, "share_contact": False, "public_list": False},
        ),
    )
    return Person.objects.get(email="eleni@example.org")


def form(**overrides):
    data = {
        "first_name": "Mallory",
        "last_name": "Intruder",
        "email": "ELENI@example.org",
        "language": "es",
        "consent_terms": "on",
        "consent_photos": "on",
        "consent_public_list": "on",
        "consent_share_contact": "on",
    }
    data.update(overrides)
    return data


def url(event, suffix=""):
    return f"/en/{event.project.slug}/events/{event.slug}/{suffix}"


def test_someone_else_s_address_changes_nothing_and_shows_no_name(
    client, event, known, django_capture_on_commit_callbacks
):
    consents_before = list(Consent.objects.filter(person=known).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event, "register/"), form())
    assert response.status_code == 302
    assert response["Location"] == url(event, "register/check-your-email/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Eleni" not in html and "Papadopoulou" not in html
    assert "check your e-mail" in html
    known.refresh_from_db()
    assert (known.first_name, known.last_name, known.preferred_language) == ("Eleni", "Papadopoulou", "en")
    assert list(Consent.objects.filter(person=known).values_list("pk", flat=True)) == consents_before
    assert current_consents(person=known)["public_list"].granted is False
    assert not Registration.objects.filter(event=event).exists()
    # The owner of the address is asked, in their own language (not the form's), and nobody else.
    (message,) = mail.outbox
    assert message.to == ["eleni@example.org"]
    assert message.subject.startswith("Please confirm your registration")
    assert "Eleni" not in message.body and "Mallory" not in message.body
    held = HeldRegistration.objects.get()
    assert f"/register/confirm/{held.key}/" in message.body
    assert "ignore" in message.body or "ignore" in message.subject.lower() or "nada" in message.body


def test_the_owner_confirms_with_a_post_and_only_then_consents_are_recorded(
    client, event, known, django_capture_on_commit_callbacks
):
    visit = SessionFactory(event=event, kind="study_visit", capacity=5)
    client.post(url(event, "register/"), form(sessions=[str(visit.pk)]))
    held = HeldRegistration.objects.get()
    confirm = url(event, f"register/confirm/{held.key}/")
    page = client.get(confirm)  # a mail scanner following the link registers nothing
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert "eleni@example.org" in page.content.decode()
    assert not Registration.objects.filter(event=event).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.person == known
    assert registration.signups.get().session == visit
    known.refresh_from_db()
    assert known.first_name == "Eleni"  # the profile is the owner's: the form's name is not applied
    assert current_consents(person=known)["public_list"].granted is True  # now given by the owner
    latest = Consent.objects.filter(person=known, kind="public_list").order_by("-recorded_at", "-pk").first()
    assert "confirmed by e-mail" in latest.source
    assert not HeldRegistration.objects.exists()
    # A used link: a clear page, nothing registered twice.
    again = client.post(confirm)
    assert again.status_code == 410
    assert "expired or has been used" in again.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_an_expired_or_forged_link_gets_a_clear_page(client, event, known):
    client.post(url(event, "register/"), form())
    held = HeldRegistration.objects.get()
    HeldRegistration.objects.filter(pk=held.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    for key in (held.key, "forged-key"):
        for method in (client.get, client.post):
            response = method(url(event, f"register/confirm/{key}/"))
            assert response.status_code == 410
            assert "expired or has been used" in response.content.decode()
    assert not Registration.objects.filter(event=event).exists()
    assert purge_expired_holds() == 1
    assert not HeldRegistration.objects.exists()


def test_a_stranger_cannot_flood_the_owner_s_inbox(client, event, known, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert client.post(url(event, "register/"), form()).status_code == 302
    assert len(mail.outbox) == 1
    assert HeldRegistration.objects.count() == 1


def test_a_full_event_at_confirmation_says_so_and_saves_nothing(client, event, known):
    client.post(url(event, "register/"), form())
    held = HeldRegistration.objects.get()
    event.capacity = 1
    event.waiting_list = False
    event.save()
    registrations.register_participant(event=event, **registration_values(7))
    response = client.post(url(event, f"register/confirm/{held.key}/"))
    assert response.status_code == 409
    assert "full" in response.content.decode()
    assert not Registration.objects.filter(event=event, person=known).exists()
    assert HeldRegistration.objects.filter(pk=held.pk).exists()


def test_already_registered_owner_learns_it_only_on_the_confirmation_page(client, event, known):
    first = registrations.register_participant(
        event=event, address_proven=True, **registration_values(email="eleni@example.org")
    )
    response = client.post(url(event, "register/"), form())
    assert response.status_code == 302  # the form reveals nothing about the address
    assert response["Location"] == url(event, "register/check-your-email/")
    held = HeldRegistration.objects.get()
    response = client.post(url(event, f"register/confirm/{held.key}/"), follow=True)
    # The owner of the address (who opened the e-mailed link) is shown their registration.
    # The personal link is signed with the second it was made in: compare all but the signature.
    assert response.redirect_chain[0][0].rsplit(":", 2)[0] == _personal_path(first).rsplit(":", 2)[0]
    assert "registered for this event already" in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1
    assert not HeldRegistration.objects.exists()


def test_a_new_address_is_held_too_and_registered_on_confirmation(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event, "register/"), form(email="new@example.org"))
    assert response.status_code == 302
    assert response["Location"] == url(event, "register/check-your-email/")
    assert not Person.objects.filter(email="new@example.org").exists()  # nothing recorded about anyone
    assert not Consent.objects.exists() and not Registration.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    assert message.subject.startswith("Confirme su inscripción")  # the form's language: es
    held = HeldRegistration.objects.get()
    response = client.post(url(event, f"register/confirm/{held.key}/"))
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.person.first_name == "Mallory" and registration.status == "confirmed"
    assert current_consents(person=registration.person)["public_list"].granted is True


def _without_csrf_token(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_the_form_answers_a_known_and_a_new_address_byte_for_byte_alike(event, known):
    """Same status, same page, same work (the same number of queries, one e-mail queued, none rendered)."""
    answers = []
    for address in ("eleni@example.org", "nobody-knows-me@example.org"):
        client = Client()
        client.get(url(event, "register/"))
        with CaptureQueriesContext(connection) as queries:
            posted = client.post(url(event, "register/"), form(email=address))
        followed = client.get(posted["Location"])
        answers.append(
            {
                "status": (posted.status_code, followed.status_code),
                "location": posted["Location"],
                "headers": sorted(
                    (name, value) for name, value in posted.items() if name.lower() not in {"date"}
                ),
                "cookies": sorted(posted.cookies),
                "page": _without_csrf_token(followed.content),
                "page_headers": sorted((n, v) for n, v in followed.items() if n.lower() != "date"),
                "queries": len(queries),
            }
        )
    known_answer, new_answer = answers
    assert known_answer == new_answer
    assert known_answer["status"] == (302, 200)
    assert b"Eleni" not in known_answer["page"] and b"Papadopoulou" not in known_answer["page"]
    assert b"check your e-mail" in known_answer["page"]
    assert mail.outbox == []  # rendered and sent by the worker, never in the request
    assert Email.objects.filter(kind="events.hold").count() == 2
    assert not Registration.objects.filter(event=event).exists()


def test_signed_in_with_that_confirmed_address_registers_at_once(client, event, known):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory(email="eleni@example.org")
    EmailAddress.objects.create(user=user, email="eleni@example.org", verified=True, primary=True)
    client.force_login(user)
    response = client.post(url(event, "register/"), form(first_name="Eleni", last_name="Papadopoulou"))
    assert response.status_code == 302
    assert "/me/" in response["Location"]
    assert Registration.objects.get(event=event).person == known


def test_an_organiser_registering_a_known_person_records_no_consents_for_them(event, known):
    before = Consent.objects.filter(person=known).count()
    registration = registrations.register_participant(
        actor=SYSTEM,
        event=event,
        by_organiser=True,
        **registration_values(
            email="eleni@example.org",
            consents={"terms": True, "photos": True, "share_contact": True, "public_list": True},
        ),
    )
    assert registration.person == known
    assert Consent.objects.filter(person=known).count() == before


def test_the_hold_service_validates_before_holding(event, known):
    event.registration_closes_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    event.save()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        registrations.register_participant(event=event, **registration_values(email="eleni@example.org"))
    assert not HeldRegistration.objects.exists()
    with pytest.raises(holds.HoldExpired):
        holds.find_hold(key="nothing")


def _in_transaction(queries) -> list[str]:
    """The queries of the confirmation's transaction (in a test, a savepoint of the test's own):
    on SQLite it holds the database's write lock throughout, so people confirming at once wait for
    each other that long."""
    sqls = [query["sql"] for query in queries]
    first = next(number for number, sql in enumerate(sqls) if sql.startswith("SAVEPOINT"))
    name = sqls[first].split()[-1]
    return sqls[first + 1 : sqls.index(f"RELEASE SAVEPOINT {name}")]


@pytest.mark.parametrize(
    ("address", "in_all", "in_transaction"),
    [
        # person (checked, its address unique, before the transaction), consents, the event locked
        # and its places counted, registration, sign-up (the session's places counted), e-mail, and
        # the three audit entries in one insert
        ("new@example.org", 23, 14),
        # a known person: no person written, but their registration looked for (before and under
        # the lock) and the pages showing their consents
        ("eleni@example.org", 22, 14),
    ],
)
def test_the_confirmation_reads_before_its_transaction_and_only_writes_in_it(
    client, event, known, address, in_all, in_transaction
):
    """The burst's last confirmation waits for everyone else's transaction: it holds the checks that
    can change (the hold still there, the event open, the places left, a registration meanwhile) and
    the writes (person, consents, registration, sign-up, audit entries, the e-mail), nothing else."""
    visit = SessionFactory(event=event, kind="study_visit", capacity=25)
    client.post(url(event, "register/"), form(email=address, sessions=str(visit.pk)))
    held = HeldRegistration.objects.get()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(event, f"register/confirm/{held.key}/"))
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.signups.get().status == "confirmed"
    inside = _in_transaction(queries)
    assert (len(queries), len(inside)) == (in_all, in_transaction), "\n".join(inside)
    # Read before: the hold with its event and project, the sessions, the notice, the person.
    assert not any(
        sql.startswith(('SELECT "events_session"', 'SELECT "organisations_person"')) for sql in inside
    )
    # The event's row alone is locked (read without a join: PostgreSQL's FOR UPDATE would lock the
    # project's row too, and with it every registration of the project and every row referring to it).
    (locked,) = [sql for sql in inside if sql.startswith('SELECT "events_event"')]
    assert "JOIN" not in locked, locked


def test_the_form_holds_the_registration_reading_before_its_transaction(client, event):
    """A burst of forms: each one's transaction (the database's write lock on SQLite) only looks for
    the same form sent a moment ago and writes the hold and its e-mail."""
    visit = SessionFactory(event=event, kind="study_visit", capacity=25)
    client.get(url(event, "register/"))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(event, "register/"), form(email="new@example.org", sessions=str(visit.pk)))
    assert response.status_code == 302
    inside = _in_transaction(queries)
    # Before: the page's project, event, sessions and notice, the service's event and notice (read
    # again), the address's language. In: the same hold a moment ago? The hold, its e-mail and job.
    assert (len(queries), len(inside)) == (13, 4), "\n".join(query["sql"][:150] for query in queries)


@pytest.mark.parametrize("when", ["before the check", "between the check and the transaction"])
def test_an_address_recorded_meanwhile_registers_that_person(client, event, monkeypatch, when):
    """The new person is checked (their address unique) before the confirmation's transaction, and only
    inserted in it: someone recorded with the address meanwhile (registering for another event at the
    same moment) is the person registered, recorded once, with the consents given here."""
    client.post(url(event, "register/"), form(email="new@example.org"))
    held = HeldRegistration.objects.get()
    checked = holds.new_person

    def meanwhile(**values):
        from secon.organisations.services import create_person

        if when == "before the check":
            create_person(actor=None, first_name="Other", last_name="Tab", email="new@example.org")
            return checked(**values)  # ValidationError: the address is taken
        person = checked(**values)
        create_person(actor=None, first_name="Other", last_name="Tab", email="new@example.org")
        return person  # the insert in the transaction meets the unique index

    monkeypatch.setattr(holds, "new_person", meanwhile)
    registration = holds.confirm_held_registration(key=held.key, event=event)
    person = Person.objects.get(email="new@example.org")
    assert registration.person == person and person.first_name == "Other"
    assert registration.status == "confirmed"
    assert current_consents(person=person)["public_list"].granted is True
    assert not HeldRegistration.objects.exists()
