"""Stakeholder-group meetings are events of their kind; participation comes from attendance."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied

from secon.core.permissions import SYSTEM
from secon.events.models import Event
from secon.events.services import attendance
from secon.policy import meeting_selectors, meetings, selectors, stakeholders
from tests.events.factories import register
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 2, 12)


def schedule(world, actor):
    return meetings.schedule_meeting(
        actor=actor,
        instrument=world.instruments[0],
        title={"en": "Group meeting"},
        start_date=DAY,
        time_zone="Europe/Madrid",
        city="Mérida",
    )


def test_a_meeting_is_an_event_of_its_kind_hosted_by_the_partner(world):
    meeting = schedule(world, world.users["partner"])
    event = meeting.event
    assert (event.kind, event.host_partner, event.is_public) == (
        "stakeholder_group",
        world.partners[0],
        False,
    )
    assert schedule(world, SYSTEM).event.slug != event.slug


def test_another_partner_cannot_schedule_it(world):
    with pytest.raises(PermissionDenied):
        schedule(world, world.users["partner2"])
    assert not Event.objects.exists()


def test_participation_per_organisation_comes_from_attendance_records(world, django_assert_max_num_queries):
    member, guest = OrganisationFactory(name="Cooprado"), OrganisationFactory(name="ACTYVA")
    stakeholders.add_member(actor=SYSTEM, instrument=world.instruments[0], organisation=member)
    stakeholders.add_member(
        actor=SYSTEM, instrument=world.instruments[0], organisation=OrganisationFactory(name="Absent")
    )
    meeting = schedule(world, SYSTEM)
    for n, organisation in enumerate([member, guest, member]):
        person = PersonFactory(organisation=organisation, email=f"p{n}@example.org")
        registration = register(
            meeting.event,
            n,
            email=person.email,
            organisation_name="typed text",
            by_organiser=True,
            now=datetime.datetime(2025, 1, 10, tzinfo=datetime.UTC),
        )
        if n < 2:
            attendance.check_in(actor=None, registration=registration, day=DAY)
    with django_assert_max_num_queries(3):
        found = meeting_selectors.list_meetings(instrument=world.instruments[0])
        members = selectors.list_stakeholders(instrument=world.instruments[0])
        history = meeting_selectors.participation_history(
            instrument=world.instruments[0], members=members, meetings=found
        )
    assert found[0].attended == 2
    by_name = {entry.name: entry for entry in history}
    assert by_name["Cooprado"].count == 1 and by_name["Cooprado"].is_member
    assert by_name["ACTYVA"].count == 1 and not by_name["ACTYVA"].is_member
    assert by_name["Absent"].count == 0
    page = world.client("viewer").get(f"/en/secon/policy/{world.instruments[0].pk}/meetings/")
    assert page.status_code == 200 and "Cooprado" in page.content.decode()


def test_the_meeting_form_refuses_a_bad_date_on_its_field(world):
    client = world.client("partner")
    url = f"/en/secon/policy/{world.instruments[0].pk}/meetings/"
    response = client.post(
        url, {"title_en": "Meeting", "start_date": "1850-01-01", "time_zone": "Europe/Madrid"}
    )
    assert response.status_code == 400 and "start_date" in response.context["form"].errors
    response = client.post(url, {"title_en": "Meeting", "start_date": "2025-02-12", "time_zone": "Mars/Base"})
    assert response.status_code == 400 and "time_zone" in response.context["form"].errors
    assert world.client("partner2").post(url, {}).status_code == 403
    assert not Event.objects.exists()
