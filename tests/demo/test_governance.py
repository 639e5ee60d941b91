import pytest

from secon.demo.loader import load_demo
from secon.governance import counting
from secon.governance.models import (
    ActionItem,
    Ballot,
    Committee,
    Decision,
    Meeting,
    MeetingAttendance,
    Seat,
    SeatHolder,
    Vote,
    WrittenProcedure,
)

pytestmark = pytest.mark.django_db


def counts():
    models = (
        Committee,
        Seat,
        SeatHolder,
        Meeting,
        MeetingAttendance,
        Vote,
        Ballot,
        Decision,
        ActionItem,
        WrittenProcedure,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_demo_has_the_steering_committee_its_caceres_meeting_and_loads_twice_unchanged(demo):
    project = demo
    committee = Committee.objects.get(project=project, slug="steering-committee")
    assert committee.seats.count() == 10 and committee.chair.organisation.slug == "region-of-peloponnese"
    caceres = committee.meetings.get(number=1)
    assert caceres.session.event.slug == "caceres-2024" and caceres.status == "minutes_approved"
    vote = caceres.votes.get()
    assert counting.describe_result(vote.result) == (
        "7 of 8 voted yes; needed 6 = ⌈2/3 × 8⌉; passed (1 abstained; abstentions are not votes cast)"
    )
    assert vote.quorum["present"] == 9 and vote.quorum["quorate"]
    assert sorted(Decision.objects.filter(committee=committee).values_list("number", flat=True)) == [
        "SC1-D01",
        "SC1-D02",
        "SC1-D03",
        "SC2-D01",
        "WP-2024-01",
    ]
    assert all("Illustrative" in d.text["en"] for d in Decision.objects.filter(number__startswith="SC"))
    assert "Illustrative" in Decision.objects.get(number="WP-2024-01").text["en"]
    minutes = caceres.minutes
    assert minutes.status == "published" and minutes.approved_by.number == "SC2-D01"
    comments = list(minutes.comments.order_by("created_at"))
    assert [(c.language, c.section_key, c.status) for c in comments] == [
        ("el", "attendance", "answered"),
        ("es", "", "open"),
    ]
    assert all(minutes.circulated_at < c.created_at <= minutes.comments_until for c in comments)
    assert committee.meetings.get(number=1).status == "minutes_approved"
    procedure = WrittenProcedure.objects.get(committee=committee)
    assert procedure.status == "closed" and procedure.decision.number == "WP-2024-01"
    assert counting.describe_result(procedure.vote.result) == (
        "9 of 10 voting seats voted yes; needed 6 = more than half of 10 voting seats; passed "
        "(1 abstained; abstentions are not votes cast) "
        "(3 seats said nothing by the deadline: counted as yes)"
    )
    assert committee.meetings.get(number=3).status == "convened"
    assert ActionItem.objects.filter(committee=committee).count() == 4
    assert ActionItem.objects.filter(status="open").count() == 1  # the overdue one
    assert committee.meetings.get(number=2).items.filter(reviews_actions=True).exists()
    before = counts()
    load_demo()
    assert counts() == before
