import threading

import pytest
from django_scopes import scopes_disabled

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from secon.core.permissions import SYSTEM
from secon.governance.models import Decision
from secon.governance.services import attendance, decisions, meetings, votes

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world, meeting):
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    for user in (world.users["partner"], world.users["partner2"]):
        attendance.mark_attendance(actor=SYSTEM, meeting=meeting, user=user)
    return meeting


def decide(meeting, n=1, **values):
    values = {"title": {"en": f"D{n}"}, "text": {"en": "Agreed."}, **values}
    return decisions.record_decision(actor=SYSTEM, meeting=meeting, **values)


def test_numbers_follow_the_meeting_and_have_no_gaps(world, session):
    first = decide(session)
    with pytest.raises(ValidationError):
        decide(session, title={})  # refused: its number is given back
    second = decide(session, 2)
    assert [first.number, second.number] == ["SC1-D01", "SC1-D02"]
    decisions.revoke_decision(actor=SYSTEM, decision=second, note="Revoked by SC1-D03")
    third = decide(session, 3)
    assert third.number == "SC1-D03"  # a revoked number is never given again
    assert Decision.objects.count() == 3


def test_a_decision_from_a_vote_that_passed(world, session):
    vote = votes.create_vote(actor=SYSTEM, meeting=session, question={"en": "Q"}, rule="two_thirds")
    with pytest.raises(ValidationError, match="Close the vote"):
        decide(session, vote=vote)
    votes.open_vote(actor=SYSTEM, vote=vote)
    votes.cast_ballot(actor=world.users["partner"], vote=vote, choice="yes")
    votes.cast_ballot(actor=world.users["partner2"], vote=vote, choice="yes")
    votes.close_vote(actor=SYSTEM, vote=vote)
    made = decide(session, vote=vote)
    assert made.vote == vote and made.number == "SC1-D01"
    with pytest.raises(ValidationError, match="already has its decision"):
        decide(session, 2, vote=vote)
    failed = votes.create_vote(actor=SYSTEM, meeting=session, question={"en": "Q2"})
    votes.open_vote(actor=SYSTEM, vote=failed)
    votes.cast_ballot(actor=world.users["partner"], vote=failed, choice="no")
    votes.close_vote(actor=SYSTEM, vote=failed)
    with pytest.raises(ValidationError, match="did not pass"):
        decide(session, 3, vote=failed)
    assert Decision.objects.count() == 1


def test_written_procedure_numbers_run_per_year(world):
    import datetime

    one = decisions.record_procedure_decision(
        actor=SYSTEM,
        committee=world.committee,
        title={"en": "WP"},
        text={"en": "T"},
        vote=None,
        day=datetime.date(2025, 3, 1),
    )
    two = decisions.record_procedure_decision(
        actor=SYSTEM,
        committee=world.committee,
        title={"en": "WP"},
        text={"en": "T"},
        vote=None,
        day=datetime.date(2025, 6, 1),
    )
    assert (one.number, two.number) == ("WP-2025-01", "WP-2025-02")


def test_supersede_and_revoke(world, session):
    old, new = decide(session), decide(session, 2)
    with pytest.raises(ValidationError):
        decisions.supersede_decision(actor=SYSTEM, decision=old, by=old)
    decisions.supersede_decision(actor=world.users["coordinator"], decision=old, by=new)
    old.refresh_from_db()
    assert (old.status, old.superseded_by) == ("superseded", new)
    with pytest.raises(ValidationError, match="Only a decision in force"):
        decisions.revoke_decision(actor=SYSTEM, decision=old, note="x")
    with pytest.raises(ValidationError, match="reason"):
        decisions.revoke_decision(actor=SYSTEM, decision=new, note=" ")
    with pytest.raises(PermissionDenied):
        decisions.revoke_decision(actor=world.users["partner2"], decision=new, note="No")
    with pytest.raises(PermissionDenied):
        decisions.record_decision(
            actor=world.users["other"], meeting=session, title={"en": "X"}, text={"en": "Y"}
        )


def test_decisions_need_a_meeting_under_way(world, meeting):
    with pytest.raises(ValidationError, match="during the meeting"):
        decide(meeting)


@pytest.mark.django_db(transaction=True)
def test_numbers_stay_gapless_when_decisions_are_recorded_at_once(world, session):
    threads_count = 20
    barrier = threading.Barrier(threads_count)
    limit = threading.BoundedSemaphore(20)
    errors = []

    def record(n: int) -> None:
        barrier.wait()
        with limit, scopes_disabled():
            try:
                decide(session, n)
            except Exception as error:  # pragma: no cover - reported below
                errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=record, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == [f"SC1-D{n:02d}" for n in range(1, threads_count + 1)]
