"""Minutes: drafted from the records, versions, circulation in each member's language, approval at the
next meeting, errata only after approval, publication — and bad input refused with nothing saved."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.permissions import SYSTEM
from secon.governance.models import Decision, Minutes, MinutesVersion
from secon.governance.services import agenda, decisions, meetings
from secon.governance.services import minutes as service
from secon.mail.models import Email
from tests.governance.conftest import in_days, next_meeting_approving

pytestmark = pytest.mark.django_db


def test_the_draft_tells_attendance_votes_with_arithmetic_decisions_and_actions(world, closed_meeting):
    minutes = service.draft_minutes(actor=world.users["coordinator"], meeting=closed_meeting)
    version = MinutesVersion.objects.get(minutes=minutes)
    assert (minutes.status, minutes.version, version.number, version.kind) == ("draft", 1, 1, "drafted")
    sections = {section["key"]: section for section in version.sections}
    attendance = sections["attendance"]["text"]["en"]
    assert "Present:" in attendance and "Absent:" in attendance
    assert "Quorum: 2 of 3 present; needed ≥ ⌈1/2 × 3⌉ = 2; quorate." in attendance
    steps = next(s for s in version.sections if s["title"]["en"] == "Next steps")
    assert steps["number"] == "2"
    text = steps["text"]["en"]
    assert (
        "Vote: “Adopt the work plan?” (two-thirds of votes cast). "
        "2 of 2 voted yes; needed 2 = ⌈2/3 × 2⌉; passed." in text
    )
    assert "Decision SC1-D01 – Work plan adopted: The committee adopts the work plan." in text
    assert "Action: Send the work plan to the programme" in text
    # The project writes in English and Spanish: the draft is written in both.
    assert "Decisión SC1-D01 – Plan de trabajo adoptado" in steps["text"]["es"]
    assert set(sections["attendance"]["title"]) == {"en", "es"}


def test_every_edit_is_a_version_and_nothing_changed_makes_none(world, closed_meeting):
    actor = world.users["coordinator"]
    minutes = service.draft_minutes(actor=actor, meeting=closed_meeting)
    first = MinutesVersion.objects.get(minutes=minutes)
    key = first.sections[1]["key"]
    second = service.save_minutes(actor=actor, minutes=minutes, language="en", texts={key: "Reviewed."})
    assert second.number == 2 and second.saved_by == actor and second.kind == "edited"
    assert service.save_minutes(actor=actor, minutes=minutes, language="en", texts={key: "Reviewed."}) is None
    third = service.save_minutes(actor=actor, minutes=minutes, language="es", texts={key: "Revisado."})
    assert third.sections[1]["text"] == {"en": "Reviewed.", "es": "Revisado."}
    assert Minutes.objects.get().version == 3 and MinutesVersion.objects.count() == 3


def test_bad_edits_are_refused_and_nothing_is_saved(world, closed_meeting):
    actor = world.users["coordinator"]
    minutes = service.draft_minutes(actor=actor, meeting=closed_meeting)
    with pytest.raises(ValidationError, match="no section"):
        service.save_minutes(actor=actor, minutes=minutes, language="en", texts={"item-0": "x"})
    with pytest.raises(ValidationError, match="not a content language"):
        service.save_minutes(actor=actor, minutes=minutes, language="xx", texts={})
    with pytest.raises(ValidationError, match="under 20000"):
        service.save_minutes(actor=actor, minutes=minutes, language="en", texts={"attendance": "x" * 20_001})
    with pytest.raises(PermissionDenied):
        service.save_minutes(actor=world.users["partner"], minutes=minutes, language="en", texts={})
    with pytest.raises(PermissionDenied):
        service.draft_minutes(actor=world.users["other"], meeting=closed_meeting)
    assert MinutesVersion.objects.count() == 1


def test_minutes_wait_for_the_meeting_to_close(world, meeting):
    with pytest.raises(ValidationError, match="once the meeting is closed"):
        service.draft_minutes(actor=SYSTEM, meeting=meeting)
    assert not Minutes.objects.exists()


def test_circulated_to_every_member_in_their_language(world, closed_meeting):
    minutes = service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    service.circulate_minutes(actor=world.users["coordinator"], minutes=minutes)
    sent = {e.recipient: e.language for e in Email.objects.filter(kind="governance.minutes_circulated")}
    assert sent == {
        world.users["partner"].email: "de",
        world.users["partner2"].email: "es",
        world.users["substitute"].email: "el",
    }
    with pytest.raises(ValidationError, match="already been circulated"):
        service.circulate_minutes(actor=SYSTEM, minutes=minutes)
    with pytest.raises(ValidationError, match="edit them instead"):
        service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)


def test_approved_at_the_next_meeting_then_only_an_erratum_changes_them(world, closed_meeting):
    minutes = service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    second, item = next_meeting_approving(world, closed_meeting)
    with pytest.raises(ValidationError, match="not been circulated"):
        decisions.record_decision(
            actor=SYSTEM,
            meeting=second,
            item=item,
            title={"en": "Minutes approved"},
            text={"en": "Approved."},
        )
    assert not Decision.objects.filter(meeting=second).exists()  # nothing saved, number given back
    service.circulate_minutes(actor=SYSTEM, minutes=minutes, now=in_days(-20))  # comments ended
    decision = decisions.record_decision(
        actor=world.users["coordinator"],
        meeting=second,
        item=item,
        title={"en": "Minutes approved"},
        text={"en": "Approved."},
    )
    minutes.refresh_from_db()
    closed_meeting.refresh_from_db()
    assert decision.number == "SC2-D01"
    assert (minutes.status, minutes.approved_by, closed_meeting.status) == (
        "approved",
        decision,
        "minutes_approved",
    )
    with pytest.raises(ValidationError, match="only an erratum"):
        service.save_minutes(actor=SYSTEM, minutes=minutes, language="en", texts={"attendance": "Changed"})
    with pytest.raises(ValidationError, match="Give the reason"):
        service.correct_minutes(
            actor=SYSTEM, minutes=minutes, language="en", texts={"attendance": "x"}, reason=" "
        )
    with pytest.raises(ValidationError, match="changes nothing"):
        service.correct_minutes(actor=SYSTEM, minutes=minutes, language="en", texts={}, reason="Typo")
    erratum = service.correct_minutes(
        actor=SYSTEM,
        minutes=minutes,
        language="en",
        texts={"attendance": "Corrected list."},
        reason="Typo in a name",
    )
    assert (erratum.number, erratum.kind, erratum.reason) == (2, "erratum", "Typo in a name")
    assert erratum.decision == decision  # by default the erratum cites the approval
    with pytest.raises(ValidationError, match="decision of this committee"):
        service.correct_minutes(
            actor=SYSTEM,
            minutes=minutes,
            language="en",
            texts={"attendance": "Again."},
            reason="Other",
            decision=Decision(committee_id=world.committee.pk + 1000),
        )
    cited = service.correct_minutes(
        actor=SYSTEM,
        minutes=minutes,
        language="en",
        texts={"attendance": "Corrected again."},
        reason="Follows the work plan",
        decision=Decision.objects.get(number="SC1-D01"),
    )
    assert (cited.number, cited.decision.number) == (3, "SC1-D01")
    service.publish_minutes(actor=SYSTEM, minutes=minutes)
    assert Minutes.objects.get().status == "published"


def test_an_approval_item_names_an_earlier_meeting_of_the_committee(world, closed_meeting):
    later = meetings.create_meeting(
        actor=SYSTEM,
        committee=world.committee,
        title={"en": "Later"},
        starts_at=in_days(60),
        ends_at=in_days(60, 12),
        time_zone="UTC",
    )
    with pytest.raises(ValidationError, match="Choose the meeting"):
        agenda.add_item(actor=SYSTEM, meeting=later, title={"en": "Minutes"}, kind="minutes")
    with pytest.raises(ValidationError, match="earlier meeting"):
        agenda.add_item(
            actor=SYSTEM,
            meeting=closed_meeting.__class__.objects.get(pk=later.pk),
            title={"en": "M"},
            kind="minutes",
            minutes_of=later,
        )
    assert not later.items.exists()
    with pytest.raises(PermissionDenied):
        service.publish_minutes(actor=world.users["partner"], minutes=Minutes(committee=world.committee))


def test_minutes_are_approved_only_once_circulated_and_by_a_decision_about_them(world, closed_meeting):
    minutes = service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    unrelated = Decision.objects.get(number="SC1-D01")
    with pytest.raises(ValidationError, match="Circulate the minutes"):
        service.approve_minutes(actor=SYSTEM, minutes=minutes, decision=unrelated)
    service.circulate_minutes(actor=SYSTEM, minutes=minutes)
    with pytest.raises(ValidationError, match="does not approve these minutes"):
        service.approve_minutes(actor=SYSTEM, minutes=minutes, decision=unrelated)
    with pytest.raises(ValidationError, match="Only approved minutes"):
        service.publish_minutes(actor=SYSTEM, minutes=minutes)
    assert Minutes.objects.get().status == "circulated"
