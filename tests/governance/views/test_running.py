import pytest

from secon.core.permissions import SYSTEM
from secon.governance.models import Ballot, MeetingAttendance, Vote
from secon.governance.services import meetings, votes

pytestmark = pytest.mark.django_db

SC = "/en/secon/committee/sc/"
RUN = SC + "meetings/1/run/"


@pytest.fixture
def session(world, meeting):
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    return meeting


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", 302),
        ("viewer", 403),
        ("partner", 403),
        ("substitute", 403),
        ("coordinator", 200),
        ("other", 403),
    ],
)
def test_who_runs_the_meeting(world, session, role, expected):
    client = world.client(role)
    assert client.get(RUN).status_code == expected
    assert client.post(
        RUN, {"action": "attendance", "user": world.users["partner"].pk, "present": "1"}
    ).status_code in (
        expected,
        302 if expected == 200 else expected,
    )


def test_the_chair_runs_a_two_thirds_vote_on_one_page(world, session):
    from secon.governance.services import committees

    committees.update_committee(actor=SYSTEM, committee=world.committee, chair=world.partners[0])
    chair = world.client("partner")  # the lead partner's representative chairs
    page = chair.get(RUN)
    assert page.status_code == 200 and "0 of 3 present" in page.content.decode()
    for user in (world.users["partner"], world.users["partner2"]):
        assert chair.post(RUN, {"action": "attendance", "user": user.pk, "present": "1"}).status_code == 302
    assert MeetingAttendance.objects.filter(present=True).count() == 2
    assert (
        "2 of 3 present; needed ≥ ⌈1/2 × 3⌉ = 2; quorate"
        in chair.get(SC + "meetings/1/quorum.json").json()["text"]
    )
    bad = chair.post(RUN, {"action": "vote_create", "question_en": "", "rule": "plurality"})
    assert bad.status_code == 400 and not Vote.objects.exists()
    created = chair.post(
        RUN,
        {
            "action": "vote_create",
            "question_en": "Approve the work plan?",
            "question_es": "",
            "rule": "two_thirds",
        },
    )
    assert created.status_code == 302
    vote = Vote.objects.get()
    assert chair.post(RUN, {"action": "open", "vote": vote.pk}).status_code == 302
    assert (
        chair.post(
            RUN, {"action": "ballot", "vote": vote.pk, "seat": world.seats[0].pk, "choice": "yes"}
        ).status_code
        == 302
    )
    again = chair.post(RUN, {"action": "ballot", "vote": vote.pk, "seat": world.seats[0].pk, "choice": "no"})
    assert again.status_code == 400 and "already voted" in again.content.decode()
    absent = chair.post(
        RUN, {"action": "ballot", "vote": vote.pk, "seat": world.seats[2].pk, "choice": "yes"}
    )
    assert absent.status_code == 400
    member = world.client("partner2")
    assert member.post(SC + f"votes/{vote.pk}/ballot/", {"choice": "no"}).status_code == 302
    assert member.post(SC + f"votes/{vote.pk}/ballot/", {"choice": "no"}).status_code == 400
    assert chair.post(RUN, {"action": "close", "vote": vote.pk}).status_code == 302
    assert chair.post(RUN, {"action": "publish", "vote": vote.pk}).status_code == 302
    text = member.get(SC + f"votes/{vote.pk}/").content.decode()
    assert "1 of 2 voted yes; needed 2 = ⌈2/3 × 2⌉; not passed" in text
    assert Ballot.objects.count() == 2
    german = member.get(f"/de/secon/committee/sc/votes/{vote.pk}/").content.decode()
    assert "abgelehnt" in german


def test_without_quorum_the_page_asks_the_chair_for_a_reason(world, session):
    client = world.client("coordinator")
    vote = votes.create_vote(actor=SYSTEM, meeting=session, question={"en": "Q"})
    refused = client.post(RUN, {"action": "open", "vote": vote.pk})
    assert refused.status_code == 400 and "No quorum" in refused.content.decode()
    assert Vote.objects.get().status == "draft"
    opened = client.post(
        RUN, {"action": "open", "vote": vote.pk, "override_reason": "Written procedure impossible in time"}
    )
    assert opened.status_code == 302 and Vote.objects.get().quorum_override


def test_running_page_queries_do_not_grow_with_seats(world, session, django_assert_max_num_queries):
    client = world.client("coordinator")
    client.get(RUN)
    with django_assert_max_num_queries(25):
        assert client.get(RUN).status_code == 200


def test_a_member_downloads_the_meetings_calendar_and_opens_its_agenda(world, meeting):
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    client = world.client("partner")
    calendar = client.get(SC + "meetings/1/meeting.ics")
    assert calendar["Content-Type"] == "text/calendar; charset=utf-8"
    assert calendar["Content-Disposition"] == 'attachment; filename="meeting-1.ics"'
    assert b"BEGIN:VCALENDAR" in calendar.content
    agenda = client.get(SC + "meetings/1/agenda.pdf?language=de")
    assert agenda["Content-Type"] == "application/pdf"
    assert agenda["Content-Disposition"] == 'inline; filename="secon-SC1-agenda-de.pdf"'
    assert agenda.content.startswith(b"%PDF")
