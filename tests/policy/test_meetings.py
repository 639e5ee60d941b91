"""Stakeholder-group meetings are events of their kind; participation comes from attendance."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.permissions import SYSTEM
from secon.events.models import Event
from secon.events.services import attendance
from secon.policy import meeting_selectors, meetings, selectors, services, stakeholders
from tests.events.factories import register
from tests.factories import OrganisationFactory, PartnerFactory, PersonFactory, ProjectFactory

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
            attendance.check_in(actor=SYSTEM, registration=registration, day=DAY)
    with django_assert_max_num_queries(8):  # the meetings (with 5 prefetches), members, history
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


def _members(world):
    members = [OrganisationFactory(name=name) for name in ("Cooprado", "Fundación ONCE")]
    for organisation in members:
        stakeholders.add_member(actor=SYSTEM, instrument=world.instruments[0], organisation=organisation)
    return members


def test_a_meeting_has_its_times_in_the_regions_zone_its_place_instruments_agenda_and_invitations(world):
    members = _members(world)
    meeting = meetings.schedule_meeting(
        actor=world.users["partner"],
        instrument=world.instruments[0],
        title={"en": "Group meeting", "es": "Reunión del grupo"},
        start_date=DAY,
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(13, 0),
        time_zone="Europe/Madrid",
        place="Consejería, sala de juntas",
        address="Avenida de Valhondo s/n",
        city="Mérida",
        country="es",
        description={"en": "1. The programme's call for 2026", "es": "1. La convocatoria de 2026"},
        instruments=[world.instruments[0], world.instruments[1]],
        invited=members,
    )
    event = meeting.event
    [session] = event.sessions.all()
    assert session.starts_at == datetime.datetime(2025, 2, 12, 8, 30, tzinfo=datetime.UTC)  # 9:30 in Madrid
    assert session.ends_at == datetime.datetime(2025, 2, 12, 12, 0, tzinfo=datetime.UTC)
    assert session.venue.name == "Consejería, sala de juntas" and session.venue.city == "Mérida"
    assert (event.country, event.description["es"]) == ("ES", "1. La convocatoria de 2026")
    assert set(meeting.instruments.all()) == {world.instruments[0], world.instruments[1]}
    assert set(meeting.invited.all()) == set(members)
    page = world.client("viewer").get(f"/en/secon/policy/{world.instruments[0].pk}/meetings/")
    text = page.content.decode()
    assert "09:30–13:00" in text and "Consejería, sala de juntas" in text and "Fundación ONCE" in text
    assert "Regional programme 2" in text


def test_a_bad_meeting_is_refused_field_by_field_and_nothing_is_saved(world):
    outsider = OrganisationFactory(name="Not a member")
    other_project = ProjectFactory(slug="elsewhere")
    foreign = services.create_instrument(
        actor=SYSTEM,
        project=other_project,
        partner=PartnerFactory(project=other_project),
        name={"en": "Foreign law"},
        kind="law",
        managing_body="Ministry",
    )
    with pytest.raises(ValidationError) as error:
        meetings.schedule_meeting(
            actor=SYSTEM,
            instrument=world.instruments[0],
            title={"en": "Group meeting"},
            start_date=DAY,
            starts_at=datetime.time(13, 0),
            ends_at=datetime.time(9, 0),
            time_zone="Europe/Madrid",
            instruments=[foreign],
            invited=[outsider],
        )
    assert set(error.value.message_dict) == {"ends_at", "instruments", "invited"}
    assert not Event.objects.exists()


def test_the_meeting_form_starts_in_the_regions_zone_and_names_each_wrong_field(world):
    members = _members(world)
    client = world.client("partner")
    url = f"/en/secon/policy/{world.instruments[0].pk}/meetings/"
    form = client.get(url).context["form"]
    assert form["time_zone"].value() == "Europe/Madrid" and form["country"].value() == "ES"
    assert form["instruments"].value() == [world.instruments[0].pk]
    assert sorted(form["invited"].value()) == sorted(member.pk for member in members)
    bad = {"title_en": "", "start_date": "", "starts_at": "14:00", "ends_at": "10:00", "country": "Spain"}
    response = client.post(url, {**bad, "time_zone": "Europe/Madrid"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"title", "start_date", "ends_at", "country", "instruments"}
    assert errors["ends_at"] == ["The meeting ends after it starts."]
    assert errors["instruments"] == ["Choose at least one policy instrument the meeting discusses."]
    spanish = world.client("partner")
    spanish.cookies["django_language"] = "es"
    response = spanish.post(url.replace("/en/", "/es/"), {**bad, "time_zone": "Europe/Madrid"})
    assert "La reunión termina después de empezar." in response.content.decode()
    assert not Event.objects.exists()
    good = {
        "title_en": "Second meeting",
        "start_date": "2025-06-04",
        "starts_at": "10:00",
        "ends_at": "12:30",
        "time_zone": "Europe/Madrid",
        "place": "Town hall",
        "city": "Mérida",
        "country": "ES",
        "instruments": [world.instruments[0].pk],
        "agenda_en": "Progress of the action plan",
        "invited": [members[0].pk],
    }
    response = client.post(url, good)
    assert response.status_code == 302
    event = Event.objects.get(kind="stakeholder_group")
    assert event.description["en"] == "Progress of the action plan"
    assert list(event.stakeholder_meeting.invited.all()) == [members[0]]
    # The group meets at the same place again: the same venue.
    assert client.post(url, {**good, "start_date": "2025-10-08"}).status_code == 302
    again = Event.objects.filter(kind="stakeholder_group").exclude(pk=event.pk).get()
    assert list(again.venues.all()) == list(event.venues.all())
