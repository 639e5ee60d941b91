import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.permissions import SYSTEM
from secon.governance.models import Ballot, Vote
from secon.governance.selectors import meeting_presence
from secon.governance.services import attendance, committees, meetings, votes
from tests.governance.conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world, meeting):
    """The meeting in session; the lead partner chairs."""
    committees.update_committee(actor=SYSTEM, committee=world.committee, chair=world.partners[0])
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def present(meeting, *users):
    for user in users:
        attendance.mark_attendance(actor=SYSTEM, meeting=meeting, user=user, present=True)


def test_quorum_follows_who_is_present(world, session):
    presence = meeting_presence(meeting=session)
    assert (presence.quorum["present"], presence.quorum["basis"], presence.quorum["quorate"]) == (0, 3, False)
    present(session, world.users["partner"], world.users["partner2"])
    presence = meeting_presence(meeting=session)
    assert presence.quorum["present"] == 2 and presence.quorum["quorate"]
    attendance.mark_attendance(
        actor=world.users["coordinator"], meeting=session, user=world.users["partner2"], present=False
    )
    assert meeting_presence(meeting=session).quorum["present"] == 1


def test_only_seat_holders_are_marked_and_only_by_the_chair_or_secretary(world, session):
    with pytest.raises(ValidationError, match="does not hold a seat"):
        attendance.mark_attendance(actor=SYSTEM, meeting=session, user=world.users["viewer"])
    with pytest.raises(PermissionDenied):
        attendance.mark_attendance(
            actor=world.users["partner2"], meeting=session, user=world.users["partner2"]
        )
    attendance.mark_attendance(
        actor=world.users["partner"], meeting=session, user=world.users["partner2"]
    )  # the chair


def test_no_vote_without_quorum_unless_the_chair_gives_a_reason(world, session):
    vote = votes.create_vote(
        actor=world.users["coordinator"], meeting=session, question={"en": "Approve?"}, rule="two_thirds"
    )
    present(session, world.users["partner"])
    with pytest.raises(ValidationError) as error:
        votes.open_vote(actor=world.users["coordinator"], vote=vote)
    assert "1 of 3 present; needed ≥ ⌈1/2 × 3⌉ = 2; no quorum" in str(error.value)
    secretary = member(world.project, "viewer")
    committees.update_committee(actor=SYSTEM, committee=world.committee, secretary=secretary)
    with pytest.raises(PermissionDenied):
        votes.open_vote(actor=secretary, vote=vote, override_reason="Urgent")
    assert Vote.objects.get(pk=vote.pk).status == "draft"
    opened = votes.open_vote(
        actor=world.users["partner"], vote=vote, override_reason="Deadline of the programme tomorrow"
    )
    assert opened.status == "open" and opened.quorum["quorate"] is False
    assert opened.quorum_override == "Deadline of the programme tomorrow"


def test_one_ballot_per_seat_and_none_after_closing(world, session):
    present(session, world.users["partner"], world.users["partner2"], world.users["substitute"])
    vote = votes.create_vote(actor=SYSTEM, meeting=session, question={"en": "Approve?"}, rule="two_thirds")
    votes.open_vote(actor=SYSTEM, vote=vote)
    assert vote.__class__.objects.get(pk=vote.pk).quorum["present"] == 2
    votes.cast_ballot(actor=world.users["partner"], vote=vote, choice="yes")
    with pytest.raises(ValidationError, match="already voted"):
        votes.cast_ballot(actor=world.users["partner"], vote=vote, choice="no")
    with pytest.raises(ValidationError, match=r"representative .* is present"):
        votes.cast_ballot(actor=world.users["substitute"], vote=vote, choice="no")
    with pytest.raises(ValidationError, match="yes, no or abstain"):
        votes.cast_ballot(actor=world.users["partner2"], vote=vote, choice="maybe")
    with pytest.raises(PermissionDenied):
        votes.cast_ballot(actor=world.users["viewer"], vote=vote, choice="yes")
    with pytest.raises(PermissionDenied):
        votes.cast_ballot(actor=world.users["other"], vote=vote, choice="yes")
    votes.cast_ballot(
        actor=world.users["coordinator"], vote=vote, choice="yes", seat=world.seats[1]
    )  # show of hands
    closed = votes.close_vote(actor=SYSTEM, vote=vote)
    assert closed.result == {
        "rule": "two_thirds",
        "yes": 2,
        "no": 0,
        "abstain": 0,
        "cast": 2,
        "basis": 3,
        "needed": 2,
        "passed": True,
    }
    with pytest.raises(ValidationError, match="not open"):
        votes.cast_ballot(actor=world.users["partner"], vote=vote, choice="no")
    ballot = Ballot.objects.get(seat=world.seats[1])
    assert (ballot.voter, ballot.recorded_by) == (world.users["partner2"], world.users["coordinator"])
    votes.publish_vote(actor=SYSTEM, vote=vote)


def test_a_substitute_votes_when_the_representative_is_absent(world, session):
    present(session, world.users["substitute"], world.users["partner2"])
    vote = votes.create_vote(actor=SYSTEM, meeting=session, question={"en": "Q"})
    votes.open_vote(actor=SYSTEM, vote=vote)
    ballot = votes.cast_ballot(actor=world.users["substitute"], vote=vote, choice="no")
    assert (ballot.seat, ballot.voter) == (world.seats[0], world.users["substitute"])
    with pytest.raises(ValidationError, match="present"):
        votes.cast_ballot(actor=world.users["partner"], vote=vote, choice="yes")  # not marked present


def test_a_substitute_without_voting_right_cannot_vote(world, session):
    from secon.governance.models import SeatHolder

    SeatHolder.objects.filter(user=world.users["substitute"]).update(voting_right=False)
    present(session, world.users["substitute"], world.users["partner2"])
    vote = votes.create_vote(actor=SYSTEM, meeting=session, question={"en": "Q"})
    votes.open_vote(actor=SYSTEM, vote=vote, override_reason="Only one seat is present")
    with pytest.raises(ValidationError, match="no voting right"):
        votes.cast_ballot(actor=world.users["substitute"], vote=vote, choice="yes")


def test_votes_open_only_in_session_one_at_a_time(world, meeting):
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    vote = votes.create_vote(actor=SYSTEM, meeting=meeting, question={"en": "Q"})
    with pytest.raises(ValidationError, match="in session"):
        votes.open_vote(actor=SYSTEM, vote=vote)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    present(meeting, world.users["partner"], world.users["partner2"])
    votes.open_vote(actor=SYSTEM, vote=vote)
    second = votes.create_vote(actor=SYSTEM, meeting=meeting, question={"en": "Q2"})
    with pytest.raises(ValidationError, match="Another vote is open"):
        votes.open_vote(actor=SYSTEM, vote=second)
    with pytest.raises(ValidationError):
        votes.create_vote(actor=SYSTEM, meeting=meeting, question={})


def test_event_check_in_makes_a_member_present(world):
    from secon.events.services.attendance import check_in
    from tests.events.factories import EventFactory, SessionFactory, register

    event = EventFactory(project=world.project, start_date=datetime.date.today(), capacity=None)
    slot = SessionFactory(event=event)
    found = meetings.create_meeting(
        actor=SYSTEM,
        committee=world.committee,
        title={"en": "At the event"},
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        time_zone=event.time_zone,
        session=slot,
    )
    registration = register(event, 1, email=world.users["partner"].email.upper())
    check_in(actor=SYSTEM, registration=registration, day=event.start_date)
    presence = meeting_presence(meeting=found)
    seat = presence.seat_of(world.seats[0].pk)
    assert seat.present and seat.voter.user == world.users["partner"] and seat.voter.source == "check_in"
