import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.permissions import SYSTEM
from secon.organisations.erasure import erase_person
from secon.policy import stakeholders
from secon.policy.models import StakeholderMember
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

BASE = "/en/secon/policy/"


def test_a_partner_builds_their_group_of_organisations_and_people(world):
    cooperative = OrganisationFactory(name="ACTYVA", kind="cooperative")
    person = PersonFactory(first_name="Marta", organisation=cooperative)
    partner = world.users["partner"]
    instrument = world.instruments[0]
    stakeholders.add_member(
        actor=partner, instrument=instrument, organisation=cooperative, role="social economy"
    )
    stakeholders.add_member(actor=partner, instrument=instrument, person=person)
    with pytest.raises(ValidationError):
        stakeholders.add_member(actor=partner, instrument=instrument, organisation=cooperative)
    with pytest.raises(ValidationError):
        stakeholders.add_member(actor=partner, instrument=instrument)
    with pytest.raises(PermissionDenied):
        stakeholders.add_member(actor=partner, instrument=world.instruments[1], organisation=cooperative)
    assert StakeholderMember.objects.filter(instrument=instrument).count() == 2
    assert not StakeholderMember.objects.filter(instrument=world.instruments[1]).exists()
    page = world.client("viewer").get(f"{BASE}{instrument.pk}/").content.decode()
    assert "ACTYVA" in page and "Marta" in page and "social economy" in page


def test_the_group_page_adds_and_removes_with_clear_messages(world):
    cooperative = OrganisationFactory(name="PLACEAT")
    PersonFactory(first_name="Luis", email="luis@example.org")
    client = world.client("partner")
    url = f"{BASE}{world.instruments[0].pk}/stakeholders/"
    response = client.post(url, {"add": "1", "organisation": "", "person_email": ""})
    text = response.content.decode()
    assert response.status_code == 400 and "Choose an organisation or give a person" in text
    response = client.post(url, {"add": "1", "person_email": "nobody@example.org"})
    assert response.status_code == 400 and "Nobody with this e-mail address" in response.content.decode()
    assert client.post(url, {"add": "1", "organisation": cooperative.pk, "role": "host"}).status_code == 302
    assert client.post(url, {"add": "1", "person_email": "LUIS@example.org"}).status_code == 302
    member = StakeholderMember.objects.get(organisation=cooperative)
    assert world.client("partner2").post(url, {"remove": member.pk}).status_code == 403
    assert world.client("viewer").get(url).status_code == 403
    assert client.post(url, {"remove": member.pk}).status_code == 302
    assert list(StakeholderMember.objects.values_list("person__first_name", flat=True)) == ["Luis"]


def test_erasing_a_person_removes_their_membership(world):
    person = PersonFactory()
    stakeholders.add_member(actor=SYSTEM, instrument=world.instruments[0], person=person)
    erase_person(actor=SYSTEM, person=person)
    assert not StakeholderMember.objects.exists()
