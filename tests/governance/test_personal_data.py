"""An account's data download holds the ballots it cast."""

import pytest

from secon.core.permissions import SYSTEM
from secon.governance.services import attendance, committees, meetings, votes
from secon.organisations.export import account_sections

pytestmark = pytest.mark.django_db


def test_the_voter_s_download_holds_each_ballot_with_its_question_and_choice(world, meeting):
    committees.update_committee(actor=SYSTEM, committee=world.committee, chair=world.partners[0])
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    for user in (world.users["partner"], world.users["partner2"]):
        attendance.mark_attendance(actor=SYSTEM, meeting=meeting, user=user, present=True)
    vote = votes.create_vote(actor=SYSTEM, meeting=meeting, question={"en": "Approve the budget?"})
    votes.open_vote(actor=SYSTEM, vote=vote)
    votes.cast_ballot(actor=world.users["partner"], vote=vote, choice="yes")
    votes.cast_ballot(actor=world.users["partner2"], vote=vote, choice="no")
    [ballot] = account_sections(world.users["partner"], [])["ballots"]
    assert ballot["question"] == "Approve the budget?"
    assert ballot["choice"] == "yes"
    assert ballot["project"] == world.project.acronym
    assert ballot["recorded_by_secretary"] is False
    assert account_sections(world.users["viewer"], [])["ballots"] == []


def test_the_member_s_download_holds_their_comments_on_minutes_with_the_answer(world, closed_meeting):
    from secon.governance.services import comments
    from secon.governance.services import minutes as minutes_service

    minutes = minutes_service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    minutes_service.circulate_minutes(actor=SYSTEM, minutes=minutes)
    comment = comments.comment_on_minutes(
        actor=world.users["partner"], minutes=minutes, text="Bitte ergänzen.", language="de"
    )
    comments.answer_comment(actor=SYSTEM, comment=comment, status="answered", reply="Done.")
    [row] = account_sections(world.users["partner"], [])["minutes_comments"]
    assert (row["text"], row["language"], row["version"], row["reply"]) == (
        "Bitte ergänzen.",
        "de",
        1,
        "Done.",
    )
    assert account_sections(world.users["partner2"], [])["minutes_comments"] == []
