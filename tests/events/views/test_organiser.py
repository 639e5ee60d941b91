import pytest

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from secon.accounts.services import grant_role
from secon.events import presence
from secon.events.models import Attendance, Event, Registration, Session
from secon.events.services import registrations
from secon.mail.models import Email
from secon.mail.services import suppress_address
from tests.accounts.world import enable_two_factor
from tests.events.factories import (
    EventFactory,
    SessionFactory,
    VenueFactory,
    at,
    published,
    registration_values,
)
from tests.factories import PartnerFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon")
    host = PartnerFactory(project=project)
    return EventFactory(project=project, slug="caceres", host_partner=host, capacity=1)


def manage(suffix=""):
    return f"/en/secon/events/caceres/manage/{suffix}"


@pytest.mark.parametrize("path", ["", "registrations/", "check-in/", "sessions/add/", "registrations.csv"])
def test_organiser_pages_are_closed_to_others(client, event, path):
    response = client.get(manage(path))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(manage(path)).status_code == 403
    viewer = Client()
    user = UserFactory()
    grant_role(actor=None, user=user, project=event.project, role="viewer")
    viewer.force_login(user)
    assert viewer.get(manage(path)).status_code == 403
    other_project = EventFactory(slug="other")
    coordinator_elsewhere = Client()
    user = UserFactory()
    grant_role(actor=None, user=user, project=other_project.project, role="coordinator")
    enable_two_factor(user)
    coordinator_elsewhere.force_login(user)
    assert coordinator_elsewhere.get(manage(path)).status_code == 403


def test_coordinator_and_host_partner_editor_may_organise(event, organiser_client):
    assert organiser_client(event).get(manage()).status_code == 200
    host_editor = organiser_client(event, role="partner_editor", organisation=event.host_partner.organisation)
    assert host_editor.get(manage()).status_code == 200
    other_partner = PartnerFactory(project=event.project)
    other_editor = organiser_client(event, role="partner_editor", organisation=other_partner.organisation)
    assert other_editor.get(manage()).status_code == 403


def test_add_session_in_local_time_with_errors_on_fields(event, organiser_client):
    client = organiser_client(event)
    venue = VenueFactory(project=event.project)
    data = {
        "kind": "presentation",
        "title_en": "REMUDARTE",
        "day": event.start_date.isoformat(),
        "start": "10:00",
        "end": "09:00",
        "visibility": "public",
        "venue": venue.pk,
    }
    response = client.post(manage("sessions/add/"), data)
    assert response.status_code == 400
    assert 'id="id_end_error"' in response.content.decode()
    data["end"] = "11:00"
    assert client.post(manage("sessions/add/"), data).status_code == 302
    session = Session.objects.get()
    assert session.starts_at == at(event, 0, 10)
    data["title_en"] = "PLACEAT"
    response = client.post(manage("sessions/add/"), data)  # same venue, same time
    assert response.status_code == 400
    assert 'id="id_venue_error"' in response.content.decode()


def test_agenda_shows_overlap_warnings(event, organiser_client):
    SessionFactory(event=event, title={"en": "One"}, starts_at=at(event, 0, 9), ends_at=at(event, 0, 11))
    SessionFactory(event=event, title={"en": "Two"}, starts_at=at(event, 0, 10), ends_at=at(event, 0, 12))
    html = organiser_client(event).get(manage()).content.decode()
    assert "Overlapping sessions" in html and "“One” / “Two”" in html


def test_registrations_filter_and_move_between_lists(event, organiser_client):
    client = organiser_client(event)
    first = registrations.register_participant(event=event, **registration_values(1))
    second = registrations.register_participant(
        event=event, **registration_values(2, last_name="Papadopoulou")
    )
    html = client.get(manage("registrations/?status=waiting")).content.decode()
    assert "Papadopoulou" in html and "García 1" not in html
    response = client.post(manage(f"registrations/{second.pk}/"), {"action": "confirm"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == "waiting"  # no place free: refused with a message
    # Taking a place away is asked first; the answer page posts the same action with confirmed=yes.
    response = client.post(
        manage(f"registrations/{first.pk}/"), {"action": "wait", "next": "status=confirmed"}
    )
    assert response.status_code == 200
    assert "Move to the waiting list?" in response.content.decode()
    assert "registrations/?status=confirmed" in response.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmed"
    client.post(manage(f"registrations/{first.pk}/"), {"action": "wait", "confirmed": "yes"})
    client.post(manage(f"registrations/{second.pk}/"), {"action": "confirm"})
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "waiting", second.pk: "confirmed"}


def test_check_in_by_qr_code_or_name(event, organiser_client):
    client = organiser_client(event)
    registration = registrations.register_participant(event=event, **registration_values(1))
    html = client.get(manage(f"check-in/?q={registration.check_in_code}")).content.decode()
    assert "García 1" in html
    html = client.get(manage("check-in/?q=ana garcía")).content.decode()
    assert "García 1" in html
    response = client.post(
        manage("check-in/"), {"registration": registration.pk, "day": event.start_date.isoformat()}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(registration=registration, day=event.start_date).exists()


def test_check_in_finds_names_without_their_accents_and_sheets_sort_by_name(event, organiser_client):
    event.capacity = 10
    event.save()
    client = organiser_client(event)
    people = {}
    for number, last_name in enumerate(["Zapata", "Álvarez", "Öztürk", "Bauer"]):
        people[last_name] = registrations.register_participant(
            event=event, **registration_values(number, first_name="José", last_name=last_name)
        )
    html = client.get(manage("check-in/?q=alvarez")).content.decode()
    assert "Álvarez" in html and "Zapata" not in html
    html = client.get(manage("check-in/?q=JOSE OZTURK")).content.decode()
    assert "Öztürk" in html and "Álvarez" not in html
    client.post(
        manage("check-in/"), {"registration": people["Álvarez"].pk, "day": event.start_date.isoformat()}
    )
    assert Attendance.objects.filter(registration=people["Álvarez"]).exists()
    html = client.get(manage("registrations/?q=álvarez")).content.decode()
    assert "Álvarez" in html and "Bauer" not in html
    sheet = presence.attendance_sheet(event=event, day=event.start_date)
    assert [r.person.last_name for r in sheet] == ["Álvarez", "Bauer", "Öztürk", "Zapata"]


def test_check_in_confirms_whom_and_returns_to_the_same_search(event, organiser_client):
    client = organiser_client(event)
    registration = registrations.register_participant(event=event, **registration_values(1))
    day = event.start_date.isoformat()
    data = {"registration": registration.pk, "day": day, "q": "garcía"}
    response = client.post(manage("check-in/"), data, follow=True)
    assert response.redirect_chain[-1][0] == manage(f"check-in/?day={day}&q=garc%C3%ADa")
    html = response.content.decode()
    assert "is checked in (" in html
    assert "check-in-card--present" in html and "present (" in html
    # The same person a second time (a QR code shown twice): said so, not counted twice.
    html = client.post(manage("check-in/"), data, follow=True).content.decode()
    assert "was already checked in (at " in html
    assert Attendance.objects.filter(registration=registration).count() == 1


def test_coordinator_creates_an_event_with_times_in_its_zone(organiser_client):
    project = ProjectFactory(slug="secon", content_languages=["en", "es"])
    partner = PartnerFactory(project=project)
    client = organiser_client(EventFactory.build(project=project))
    data = {
        "slug": "seminar",
        "kind": "thematic_seminar",
        "title_en": "Seminar",
        "title_es": "Seminario",
        "start_date": "2027-03-16",
        "end_date": "2027-03-17",
        "time_zone": "Europe/Bucharest",
        "host_partner": partner.pk,
        "status": "published",
        "is_public": "on",
        "registration_closes_at": "2027-03-05T23:59",
        "capacity": "60",
        "languages": ["en", "ro"],
    }
    response = client.post("/en/secon/events/new/", data)
    assert response.status_code == 302
    event = Event.objects.get(slug="seminar")
    assert event.registration_closes_at.isoformat() == "2027-03-05T21:59:00+00:00"
    assert event.host_organisation == partner.organisation
    data["slug"] = "new"
    assert client.post("/en/secon/events/new/", data).status_code == 400
    viewer = organiser_client(event, role="viewer")
    assert viewer.get("/en/secon/events/new/").status_code == 403


@pytest.mark.parametrize("zone", ["Europe/Madrid", "Europe/Athens"])
def test_a_new_event_starts_in_the_installations_time_zone(organiser_client, settings, zone):
    settings.TIME_ZONE = zone
    project = ProjectFactory(slug="secon")
    client = organiser_client(EventFactory.build(project=project))
    html = client.get("/en/secon/events/new/").content.decode()
    assert f'<option value="{zone}" selected>' in html


def test_message_reaches_each_participant_with_their_link(
    event, organiser_client, django_capture_on_commit_callbacks
):
    registrations.register_participant(event=event, **registration_values(1, language="el"))
    registrations.register_participant(event=event, **registration_values(2))  # waiting
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client(event).post(
            manage("message/"),
            {"statuses": ["confirmed"], "subject": "Bus at 8:30", "body": "Meet at the hall."},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["ana1@example.org"]]
    assert "/el/secon/events/caceres/me/" in mail.outbox[0].body


def test_the_organiser_is_told_how_many_addresses_will_not_get_the_message(
    event, organiser_client, django_capture_on_commit_callbacks
):
    registrations.register_participant(event=event, **registration_values(1))
    registrations.register_participant(event=event, **registration_values(3))
    suppress_address(address="ana3@example.org", reason="bounce")
    mail.outbox.clear()
    client = organiser_client(event)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage("message/"),
            {"statuses": ["confirmed", "waiting"], "subject": "Bus at 8:30", "body": "Meet at the hall."},
            follow=True,
        )
    html = response.content.decode()
    assert "The message is sent to 2 people." in html
    assert "1 of them will not get it: the address bounced or its owner marked our e-mails as spam." in html
    assert [m.to for m in mail.outbox] == [["ana1@example.org"]]


def test_organiser_registers_someone_for_an_invitation_only_event(organiser_client):
    project = ProjectFactory(slug="secon")
    event = EventFactory(project=project, slug="caceres", is_public=False)
    data = {
        "first_name": "Eleni",
        "last_name": "G",
        "email": "eleni@example.org",
        "language": "el",
        "consent_terms": "on",
    }
    assert Client().post("/en/secon/events/caceres/register/", data).status_code == 409
    response = organiser_client(event).post(manage("registrations/add/"), data)
    assert response.status_code == 302
    assert Registration.objects.get().status == "confirmed"


def test_materials_upload_checks_type_content_and_size(event, organiser_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    session = SessionFactory(event=event, title={"en": "Talk"})
    client = organiser_client(event)
    data = {
        "kind": "presentation",
        "title_en": "Talk",
        "day": event.start_date.isoformat(),
        "start": "09:00",
        "end": "10:00",
        "visibility": "public",
    }
    path = manage(f"sessions/{session.pk}/")
    for upload in (
        SimpleUploadedFile("slides.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("slides.pdf", b"<html>not a pdf</html>"),
        SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024)),
    ):
        response = client.post(path, {**data, "materials_file": upload})
        assert response.status_code == 400
        assert 'id="id_materials_file_error"' in response.content.decode()
    session.refresh_from_db()
    assert not session.materials_file
    response = client.post(
        path, {**data, "materials_file": SimpleUploadedFile("slides.pdf", b"%PDF-1.7\n%%EOF")}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.materials_file.name.endswith(".pdf")


def test_scanned_qr_code_address_finds_the_person(event, organiser_client):
    from secon.events.links import check_in_path

    registration = registrations.register_participant(event=event, **registration_values(1))
    scanned = "https://hub.example.org" + check_in_path(registration)
    client = organiser_client(event)
    assert "García 1" in client.get(check_in_path(registration)).content.decode()
    assert "García 1" in client.get(manage("check-in/"), {"q": scanned}).content.decode()
    assert client.get(manage("attendance/2020-01-01.pdf")).status_code == 404
    assert client.get(manage("attendance/garbage.pdf")).status_code == 404


def event_form_data(event) -> dict:
    """The event's settings form as the organiser's browser posts it, unchanged."""
    from secon.events.forms.organiser import EventForm

    data = {}
    for name, value in EventForm.initial_for(Event.objects.get(pk=event.pk)).items():
        if name in ("title", "description"):
            data.update({f"{name}_{code}": text for code, text in value.items()})
        elif name == "venues":
            data[name] = [venue.pk for venue in value]
        elif value is None or value is False:
            continue
        else:
            data[name] = "on" if value is True else value
    data["action"] = "event"
    return data


def test_raising_the_places_in_the_settings_promotes_those_waiting(event, organiser_client):
    registrations.register_participant(event=event, **registration_values(1))
    waiting = registrations.register_participant(event=event, **registration_values(2))
    data = event_form_data(event)
    data.update(capacity="2")
    response = organiser_client(event).post(manage("edit/"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_organisers_choose_among_the_projects_published_practices(event):
    user = UserFactory()
    grant_role(actor=None, user=user, project=event.project, role="coordinator")
    enable_two_factor(user)
    client = Client()
    client.force_login(user)
    approved = published(event.project, title="PLACEAT: jobs and support")
    draft = published(event.project, title="Unfinished draft", status="draft")
    foreign = published(ProjectFactory(slug="other-project"), title="Elsewhere")
    form_url = "/en/secon/events/caceres/manage/sessions/add/"
    html = client.get(form_url).content.decode()
    assert "PLACEAT: jobs and support" in html
    assert "Unfinished draft" not in html and "Elsewhere" not in html

    data = {
        "kind": "presentation",
        "title_en": "PLACEAT",
        "day": event.start_date.isoformat(),
        "start": "12:15",
        "end": "13:00",
        "visibility": "public",
    }
    refused = client.post(form_url, {**data, "practices": [draft.pk, foreign.pk]})
    assert refused.status_code == 400
    assert not Session.objects.filter(event=event).exists()

    response = client.post(form_url, {**data, "practices": [approved.pk]})
    assert response.status_code == 302
    session = Session.objects.get(event=event)
    assert list(session.practices.all()) == [approved]
    change = client.get(f"/en/secon/events/caceres/manage/sessions/{session.pk}/").content.decode()
    assert f'value="{approved.pk}" selected' in change


def test_cancelling_a_registration_asks_first(event, organiser_client):
    client = organiser_client(event)
    first = registrations.register_participant(event=event, **registration_values(1))
    response = client.post(manage(f"registrations/{first.pk}/"), {"action": "cancel"})
    assert response.status_code == 200
    assert "Do you really want to cancel the registration of" in response.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmed"
    response = client.post(manage(f"registrations/{first.pk}/"), {"action": "cancel", "confirmed": "yes"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_deleting_a_session_asks_first(event, organiser_client):
    client = organiser_client(event)
    session = SessionFactory(event=event, title={"en": "Visit to REMUDARTE"})
    response = client.post(manage(f"sessions/{session.pk}/"), {"action": "delete"})
    assert response.status_code == 200
    assert "Delete this session?" in response.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()
    response = client.post(manage(f"sessions/{session.pk}/"), {"action": "delete", "confirmed": "yes"})
    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()


def test_cancelling_the_event_asks_first_and_says_who_is_told(event, organiser_client):
    client = organiser_client(event)
    registrations.register_participant(event=event, **registration_values(1))
    data = event_form_data(event)
    data["status"] = "cancelled"
    response = client.post(manage("edit/"), data)
    assert response.status_code == 200, response.content.decode()[:3000]
    html = response.content.decode()
    assert "Cancel this event?" in html and "1 registered person receives an e-mail" in html
    event.refresh_from_db()
    assert event.status == "published"
    response = client.post(manage("edit/"), {**data, "confirmed": "yes"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"start_date": "9999-12-28", "end_date": "9999-12-31"},
            "start_date",
            "between the years 2000 and 2100",
        ),
        (
            {"start_date": "0001-01-01", "end_date": "0001-01-02"},
            "start_date",
            "between the years 2000 and 2100",
        ),
        ({"end_date": "2053-05-18"}, "end_date", "at most 31 days"),
        ({"registration_closes_at": "9999-12-31T23:59"}, "registration_closes_at", "between the years"),
        ({"registration_opens_at": "0001-01-01T00:00"}, "registration_opens_at", "between the years"),
        ({"delegate_quota": "99999999999999"}, "delegate_quota", "less than or equal to 32767"),
        ({"capacity": "99999999999999"}, "capacity", "less than or equal to 2147483647"),
    ],
)
def test_event_form_refuses_dates_and_numbers_out_of_range_on_the_field(
    organiser_client, changes, field, message
):
    project = ProjectFactory(slug="secon")
    client = organiser_client(EventFactory.build(project=project))
    data = {
        "slug": "seminar",
        "kind": "thematic_seminar",
        "title_en": "Seminar",
        "start_date": "2027-03-16",
        "end_date": "2027-03-17",
        "time_zone": "Europe/Bucharest",
        "status": "published",
        **changes,
    }
    response = client.post("/en/secon/events/new/", data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Event.objects.filter(slug="seminar").exists()


def test_the_agenda_links_the_undelivered_emails_for_those_who_may_see_them(event, organiser_client):
    for status in (Email.Status.FAILED, Email.Status.FAILING, Email.Status.SENT):
        Email.objects.create(
            project=event.project, kind="k", recipient="a@example.org", language="en", status=status
        )
    Email.objects.create(
        project=EventFactory(slug="other").project,
        kind="k",
        recipient="b@example.org",
        language="en",
        status="failed",
    )
    link = 'href="/en/secon/emails/undelivered/"'
    coordinator = organiser_client(event)
    with CaptureQueriesContext(connection) as queries:
        page = coordinator.get(manage())
    assert page.status_code == 200
    assert link in page.content.decode() and "2 undelivered e-mails of the project" in page.content.decode()
    assert len([query for query in queries if '"mail_email"' in query["sql"]]) == 1  # one count
    in_greek = coordinator.get("/el/secon/events/caceres/manage/").content.decode()
    assert (
        "/el/secon/emails/undelivered/" in in_greek
        and "2 μη παραδοθέντα μηνύματα ηλεκτρονικού ταχυδρομείου του έργου" in in_greek
    )
    Email.objects.filter(status=Email.Status.FAILING).update(status=Email.Status.SENT)
    assert "1 undelivered e-mail of the project" in coordinator.get(manage()).content.decode()

    host_editor = organiser_client(event, role="partner_editor", organisation=event.host_partner.organisation)
    page = host_editor.get(manage())
    assert (
        page.status_code == 200 and "undelivered" not in page.content.decode()
    )  # may organise, not see e-mails
    assert organiser_client(event, role="viewer").get(manage()).status_code == 403
