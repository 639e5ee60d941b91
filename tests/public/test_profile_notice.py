"""A signed-in person whose consents follow an earlier version of a project's privacy notice sees the
change on their profile and answers it there: agree to the new version or withdraw their consents
(one append-only entry per consent, audited with the account as actor); only for their own people,
only by a POST with the CSRF token, a second click records nothing."""

import pytest
from allauth.account.models import EmailAddress

from django.test import Client

from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.events.services import registrations
from secon.organisations import notice_services
from secon.organisations.models import Consent, Person
from secon.organisations.selectors import current_consents, notice_to_agree_again
from tests.events.factories import EventFactory, registration_values
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
PROFILE = "/en/home/profile/"
ANSWER = "/en/home/profile/privacy/"


@pytest.fixture
def project():
    return ProjectFactory(slug="secon", acronym="SECON", content_languages=["en"])


def account(email):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def publish(project, text, **values):
    return notice_services.publish_notice(actor=SYSTEM, project=project, texts={"en": text}, **values)


@pytest.fixture
def ana(project):
    """Ana registered under version 1 and has an account with that address; version 2 is material."""
    publish(project, "One")
    user = account("ana@example.org")
    registrations.register_participant(
        event=EventFactory(project=project, capacity=30),
        address_proven=True,
        **registration_values(email="ana@example.org"),
    )
    publish(project, "Two", material=True)
    return user


def signed_in(user, **client_options):
    client = Client(**client_options)
    client.force_login(user)
    return client


def answer(project, person, *, number=2, answer="agree"):
    return {"person": person.pk, "project": project.pk, "number": number, "answer": answer}


def test_the_profile_shows_the_changed_notice_and_its_buttons(project, ana):
    page = signed_in(ana).get(PROFILE).content.decode()
    assert "The privacy notice of SECON has changed" in page
    assert 'href="/en/secon/privacy/2/"' in page
    assert 'name="answer" value="agree"' in page and "Agree to the new version" in page
    assert 'name="answer" value="withdraw"' in page
    assert f'action="{ANSWER}"' in page


def test_agreeing_records_one_audited_entry_per_consent_and_a_second_click_nothing(project, ana):
    person = Person.objects.get(email="ana@example.org")
    given = sorted(kind for kind, consent in current_consents(person=person).items() if consent.granted)
    client = signed_in(ana)
    before = Consent.objects.count()
    response = client.post(ANSWER, answer(project, person))
    assert response.status_code == 302 and response["Location"] == PROFILE
    recorded = list(Consent.objects.order_by("pk")[before:])
    assert sorted(consent.kind for consent in recorded) == given
    assert all(consent.granted and consent.notice.number == 2 for consent in recorded)
    assert all(consent.source == "profile, privacy notice version 2" for consent in recorded)
    audits = AuditEntry.objects.filter(
        model="organisations.consent", object_id__in=[str(c.pk) for c in recorded]
    )
    assert audits.count() == len(recorded) and {entry.actor_id for entry in audits} == {ana.pk}
    assert notice_to_agree_again(person=person, project=project) is None
    page = client.get(PROFILE).content.decode()
    assert "Thank you: your agreement to version 2 of the privacy notice of SECON is recorded." in page
    assert "Agree to the new version" not in page
    # The same form sent again (a double click, the back button): nothing more.
    client.post(ANSWER, answer(project, person))
    assert Consent.objects.count() == before + len(recorded)
    assert "There was nothing to answer" in client.get(PROFILE).content.decode()


def test_withdrawing_from_the_profile_stays_possible(project, ana):
    person = Person.objects.get(email="ana@example.org")
    given = [kind for kind, consent in current_consents(person=person).items() if consent.granted]
    signed_in(ana).post(ANSWER, answer(project, person, answer="withdraw"))
    consents = current_consents(person=person)
    assert given and not any(consent.granted for consent in consents.values())
    assert {consent.notice.number for kind, consent in consents.items() if kind in given} == {2}
    assert notice_to_agree_again(person=person, project=project) is None


def test_only_the_persons_own_account_answers_only_by_post_with_its_csrf_token(project, ana):
    person = Person.objects.get(email="ana@example.org")
    before = Consent.objects.count()
    # Someone else's account, naming Ana's person record: nothing recorded.
    mallory = account("mallory@example.org")
    response = signed_in(mallory).post(ANSWER, answer(project, person))
    assert response.status_code == 302
    # An unconfirmed address is not the account's own either.
    bob = UserFactory(email="bob@example.org")
    EmailAddress.objects.create(user=bob, email="ana@example.org", verified=False, primary=False)
    signed_in(bob).post(ANSWER, answer(project, person))
    # Not signed in: to the sign-in page; a GET is refused; no CSRF token: 403.
    assert "/accounts/login/" in Client().post(ANSWER, answer(project, person))["Location"]
    assert signed_in(ana).get(ANSWER).status_code == 405
    assert signed_in(ana, enforce_csrf_checks=True).post(ANSWER, answer(project, person)).status_code == 403
    # Bad input: another project, another version number, nonsense.
    client = signed_in(ana)
    ProjectFactory(slug="other")
    client.post(ANSWER, {**answer(project, person), "project": project.pk + 1})
    client.post(ANSWER, answer(project, person, number=1))
    client.post(ANSWER, {"person": "x", "project": "y", "number": "z"})
    assert Consent.objects.count() == before
    assert notice_to_agree_again(person=person, project=project).number == 2
