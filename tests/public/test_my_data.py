"""A signed-in person downloads their data from the profile and erases their account: the people records
of the account's addresses are erased, the account anonymised, the figures stay, a legal hold or a
project's last coordinator stops it with a clear message and nothing changed."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress

from django.core.files.storage import default_storage

from secon.accounts.models import Membership, User
from secon.core.models import AuditEntry
from secon.events.models import Registration
from secon.events.services import registrations
from secon.organisations import account_data
from secon.organisations.models import Consent, DataExport, Person
from tests.events.factories import EventFactory, registration_values
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def project():
    return ProjectFactory(slug="secon", acronym="SECON", content_languages=["en"])


@pytest.fixture
def ana(project):
    """Ana has an account (a viewer of SECON) and registered with its address."""
    user = UserFactory(
        email="ana@example.org", first_name="Ana", last_name="García", organisation_name="Cooprado"
    )
    EmailAddress.objects.create(user=user, email="ana@example.org", verified=True, primary=True)
    MembershipFactory(user=user, project=project, role="viewer")
    event = EventFactory(project=project, slug="caceres", capacity=30)
    registrations.register_participant(
        event=event,
        address_proven=True,
        **registration_values(
            first_name="Ana", last_name="García", email="ana@example.org", dietary_needs="vegan"
        ),
    )
    return user


def sign_in(client, user):
    """Sign in, then confirm the password again (as erasing asks: allauth's re-authentication)."""
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    response = client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_the_profile_prepares_a_zip_of_the_account_and_its_registrations(
    client, ana, django_capture_on_commit_callbacks
):
    client.force_login(ana)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/home/profile/my-data/")
    assert response.status_code == 302
    export = DataExport.objects.get(user=ana)
    export.refresh_from_db()
    assert export.ready_at is not None
    page = client.get("/en/home/profile/").content.decode()
    assert f"/en/events/my-data/{export.key}/" in page
    with zipfile.ZipFile(io.BytesIO(default_storage.open(export.file.name).read())) as archive:
        data = json.loads(archive.read("data.json"))
        assert {"account.csv", "roles.csv", "registrations.csv", "consents.csv"} <= set(archive.namelist())
    assert data["account"][0]["email"] == "ana@example.org"
    assert data["roles"][0] == {"project": "SECON", "role": "viewer", "organisation": ""}
    assert data["registrations"][0]["dietary_needs"] == "vegan"
    # A second click within the hour makes no second export.
    client.post("/en/home/profile/my-data/")
    assert DataExport.objects.filter(user=ana).count() == 1
    assert client.get(f"/en/events/my-data/{export.key}/").status_code == 200


def test_the_download_is_asked_by_post_only_and_by_a_signed_in_person(client, ana):
    assert client.get("/en/home/profile/my-data/").status_code in (302, 405)
    assert client.post("/en/home/profile/my-data/").status_code == 302  # to the sign-in page
    assert not DataExport.objects.exists()


def test_erasing_the_account_asks_first_then_anonymises_it_and_erases_the_person(client, project, ana):
    person = Person.objects.get(email="ana@example.org")
    sign_in(client, ana)
    page = client.get("/en/home/profile/erase/")
    assert page.status_code == 200
    assert "Do you really want to erase your account" in page.content.decode()
    assert User.objects.get(pk=ana.pk).email == "ana@example.org"  # a GET changes nothing
    response = client.post("/en/home/profile/erase/")
    assert response.status_code == 200
    assert "Your account is erased" in response.content.decode()
    ana.refresh_from_db()
    assert ana.email == f"erased-user-{ana.pk}@erased.invalid"
    assert (ana.first_name, ana.organisation_name, ana.is_active) == ("Erased user", "", False)
    assert not ana.has_usable_password()
    assert not EmailAddress.objects.filter(user=ana).exists()
    assert not Membership.objects.filter(user=ana).exists()
    person.refresh_from_db()
    assert person.erased_at is not None and person.email == f"erased-{person.pk}@erased.invalid"
    assert not Consent.objects.filter(person=person).exists()
    registration = Registration.objects.get(person=person)  # the count of participants stays right
    assert registration.dietary_needs == ""
    for entry in AuditEntry.objects.all():
        text = json.dumps(entry.changes) + entry.object_repr
        assert "ana@example.org" not in text and "García" not in text and "Cooprado" not in text
    # Signed out, and the old password no longer signs in.
    assert client.get("/en/home/profile/").status_code == 302
    assert (
        client.post("/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD}).status_code
        == 200
    )


def test_a_legal_hold_stops_the_erasure_with_a_clear_message(client, ana):
    Person.objects.filter(email="ana@example.org").update(legal_hold=True)
    sign_in(client, ana)
    page = client.get("/en/home/profile/erase/").content.decode()
    assert "legal hold" in page and "Yes, erase my account" not in page
    response = client.post("/en/home/profile/erase/")
    assert response.status_code == 409
    assert "legal hold" in response.content.decode()
    ana.refresh_from_db()
    assert ana.email == "ana@example.org" and ana.is_active
    assert Person.objects.get(email="ana@example.org").erased_at is None


def test_the_last_coordinator_of_a_project_must_hand_over_first(client, project, ana):
    from tests.accounts.world import enable_two_factor

    Membership.objects.filter(user=ana).update(role="coordinator")
    enable_two_factor(ana)
    client.force_login(ana)
    assert account_data.account_problem(ana).startswith("You are the only coordinator of SECON")
    ana.refresh_from_db()
    assert ana.is_active
    other = UserFactory()
    MembershipFactory(user=other, project=project, role="coordinator")
    assert account_data.account_problem(ana) is None


def test_nobody_erases_someone_else_s_account(ana):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        account_data.erase_account(actor=UserFactory(), user=ana)
    ana.refresh_from_db()
    assert ana.is_active


def test_erasing_asks_for_a_recent_sign_in(client, ana):
    client.force_login(ana)  # a session without a recorded sign-in (as if left open for long)
    response = client.post("/en/home/profile/erase/")
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]
    ana.refresh_from_db()
    assert ana.is_active
