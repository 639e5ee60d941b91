import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from secon.core.permissions import SYSTEM
from secon.governance.models import AgendaItem, Committee, CommitteeDefaults, Meeting, Paper, Seat, SeatHolder
from secon.governance.services import agenda, meetings
from secon.mail.models import Email
from tests.governance.conftest import in_days

pytestmark = pytest.mark.django_db

BASE = "/en/secon/committee/"
SC = BASE + "sc/"
QUORUM = {
    "comment_days": "10",
    "quorum_basis": "seats",
    "quorum_numerator": "1",
    "quorum_denominator": "2",
    "quorum_comparison": "gte",
    "quorum_rounding": "up",
}

#: role → expected status on (member pages, manager pages)
ROLES = {
    "anonymous": (302, 302),
    "viewer": (403, 403),
    "partner": (200, 403),
    "substitute": (200, 403),
    "coordinator": (200, 200),
    "other": (403, 403),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_which_page(world, meeting, role):
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    paper = agenda.add_paper(
        actor=SYSTEM,
        item=AgendaItem.objects.first(),
        title="Report",
        file=SimpleUploadedFile("r.pdf", b"%PDF-1.4"),
    )
    member_pages = [
        SC,
        SC + "meetings/1/",
        SC + "meetings/1/meeting.ics",
        SC + f"papers/{paper.pk}/download/",
    ]
    manager_pages = [
        SC + "settings/",
        SC + "seats/",
        SC + f"seats/{world.seats[0].pk}/",
        SC + "meetings/new/",
        SC + "meetings/1/edit/",
        SC + "meetings/1/items/add/",
    ]
    client = world.client(role)
    expected_member, expected_manager = ROLES[role]
    for path in member_pages:
        assert client.get(path).status_code == expected_member, path
    for path in manager_pages:
        assert client.get(path).status_code == expected_manager, path
    assert client.get("/en/other/committee/sc/").status_code in (302, 403, 404)


def test_members_land_on_their_committee(world):
    response = world.client("partner").get(BASE)
    assert response.status_code == 302 and response["Location"].endswith(SC)
    assert world.client("viewer").get(BASE).status_code == 403
    assert world.client("coordinator").get(BASE).status_code == 200


def test_a_coordinator_sets_up_a_committee_bad_input_first(world):
    client = world.client("coordinator")
    bad = client.post(
        BASE + "new/",
        {
            "name_en": "",
            "slug": "sc",
            "kind": "steering",
            "code": "x",
            "notice_days": "-1",
            "comment_days": "61",
        },
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors.keys() >= {"name", "code", "notice_days", "comment_days"}
    good = client.post(
        BASE + "new/",
        {
            "name_en": "Thematic board",
            "slug": "board",
            "kind": "thematic",
            "code": "TB",
            "notice_days": "10",
            **QUORUM,
            "comment_days": "14",
        },
    )
    assert good.status_code == 302
    assert (
        Committee.objects.get(slug="board").notice_days,
        Committee.objects.get(slug="board").comment_days,
    ) == (
        10,
        14,
    )
    duplicate = client.post(
        BASE + "new/",
        {
            "name_en": "Again",
            "slug": "board",
            "kind": "thematic",
            "code": "TB",
            "notice_days": "10",
            **QUORUM,
        },
    )
    assert duplicate.status_code == 400 and Committee.objects.filter(slug="board").count() == 1


def test_a_coordinator_sets_the_projects_defaults_on_the_committees_page(world):
    client = world.client("coordinator")
    page = client.get(BASE).content.decode()
    assert "Defaults for the project" in page and 'name="notice_days" value="14"' in page
    bad = client.post(BASE, {**QUORUM, "notice_days": "x", "quorum_numerator": "3"})
    assert bad.status_code == 400 and bad.context["form"].errors.keys() >= {"notice_days", "quorum_numerator"}
    assert not CommitteeDefaults.objects.exists()
    assert world.client("partner").post(BASE, {**QUORUM, "notice_days": "21"}).status_code == 403
    saved = client.post(BASE, {**QUORUM, "notice_days": "21", "comment_days": "12"})
    assert saved.status_code == 302
    committee = Committee.objects.get(pk=world.committee.pk)
    assert (committee.notice_days, committee.comment_days) == (21, 12)
    form = client.get(BASE + "new/").content.decode()
    assert 'name="notice_days" value="21"' in form and 'id="id_follows_defaults" checked' in form


def test_seats_and_holders_through_the_pages(world):
    client = world.client("coordinator")
    from tests.factories import PartnerFactory

    fourth = PartnerFactory(project=world.project, number=4)
    assert client.post(SC + "seats/", {"partner": fourth.pk, "weight": "0"}).status_code == 400
    assert (
        client.post(SC + "seats/", {"partner": fourth.pk, "weight": "2", "voting_right": "on"}).status_code
        == 302
    )
    seat = Seat.objects.get(partner=fourth)
    assert seat.weight == 2
    page = SC + f"seats/{seat.pk}/"
    refused = client.post(
        page,
        {
            "action": "appoint",
            "user": world.users["partner"].pk,
            "role": "representative",
            "valid_from": "2025-01-01",
        },
    )
    assert refused.status_code == 400 and "another partner" in refused.content.decode()
    ok = client.post(
        page,
        {
            "action": "appoint",
            "user": world.users["viewer"].pk,
            "role": "representative",
            "valid_from": "2025-01-01",
        },
    )
    assert ok.status_code == 302
    holder = SeatHolder.objects.get(seat=seat)
    assert (
        client.post(page, {"action": "end", "holder": holder.pk, "valid_until": "2024-01-01"}).status_code
        == 400
    )
    assert (
        client.post(page, {"action": "end", "holder": holder.pk, "valid_until": "not a date"}).status_code
        == 400
    )
    assert (
        client.post(page, {"action": "end", "holder": holder.pk, "valid_until": "2025-06-30"}).status_code
        == 302
    )
    assert "History" in client.get(page).content.decode()


def test_the_secretary_plans_and_convenes_a_meeting(world):
    client = world.client("coordinator")
    data = {
        "title_en": "Cáceres",
        "title_es": "Cáceres",
        "day": in_days(3).date().isoformat(),
        "start": "10:00",
        "end": "09:00",
        "time_zone": "Europe/Madrid",
    }
    bad = client.post(SC + "meetings/new/", data)
    assert bad.status_code == 400 and "end after it starts" in bad.content.decode()
    assert (
        client.post(SC + "meetings/new/", {**data, "time_zone": "Nowhere/Land", "end": "12:00"}).status_code
        == 400
    )
    assert client.post(SC + "meetings/new/", {**data, "end": "12:00"}).status_code == 302
    meeting = Meeting.objects.get()
    added = client.post(
        SC + "meetings/1/items/add/",
        {"title_en": "Progress review", "kind": "information", "duration_minutes": "30"},
    )
    assert added.status_code == 302
    assert (
        client.post(
            SC + "meetings/1/items/add/", {"title_en": "", "kind": "vote", "duration_minutes": "0"}
        ).status_code
        == 400
    )
    too_soon = client.post(SC + "meetings/1/convene/")
    assert too_soon.status_code == 400 and "at least 14 days" in too_soon.content.decode()
    assert not Email.objects.exists()
    meetings.update_meeting(actor=SYSTEM, meeting=meeting, starts_at=in_days(20), ends_at=in_days(20, 12))
    assert client.post(SC + "meetings/1/convene/").status_code == 302
    assert Email.objects.filter(kind="governance.notice").count() == 3
    page = client.get(SC + "meetings/1/").content.decode()
    assert "Progress review" in page and "Start the meeting" in page
    assert world.client("partner").post(SC + "meetings/1/start/").status_code == 403


def test_papers_are_confidential_and_marked_when_updated(world, meeting):
    client = world.client("coordinator")
    item = AgendaItem.objects.first()
    upload = SimpleUploadedFile("r.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    assert (
        client.post(
            SC + f"meetings/1/items/{item.pk}/papers/add/", {"title": "Report", "file": upload}
        ).status_code
        == 302
    )
    bad = SimpleUploadedFile("r.pdf", b"not a pdf", content_type="application/pdf")
    assert (
        client.post(SC + f"meetings/1/items/{item.pk}/papers/add/", {"title": "Bad", "file": bad}).status_code
        == 400
    )
    paper = Paper.objects.get()
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    new = SimpleUploadedFile("r2.pdf", b"%PDF-1.4 report v2", content_type="application/pdf")
    assert (
        client.post(SC + f"meetings/1/papers/{paper.pk}/", {"title": "Report", "file": new}).status_code
        == 302
    )
    page = world.client("partner").get(SC + "meetings/1/").content.decode()
    assert "version 2" in page and "updated after the notice" in page
    download = world.client("partner").get(SC + f"papers/{paper.pk}/download/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 report v2"


def test_committee_home_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    client = world.client("partner")
    client.get(SC)  # warm the session and the permission caches
    for n in range(8):
        found = meetings.create_meeting(
            actor=SYSTEM,
            committee=world.committee,
            title={"en": f"M{n}"},
            starts_at=in_days(20 + n),
            ends_at=in_days(20 + n, 12),
            time_zone="UTC",
        )
        for k in range(5):
            agenda.add_item(actor=SYSTEM, meeting=found, title={"en": f"Item {k}"})
        meetings.convene_meeting(actor=SYSTEM, meeting=found)
    with django_assert_max_num_queries(20):
        assert client.get(SC).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(SC + "meetings/1/").status_code == 200
