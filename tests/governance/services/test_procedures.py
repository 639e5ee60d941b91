"""Written procedures: opening (bad input first), ballots (the latest counts, none after the deadline),
reminders 72 h and 24 h before, closing by the task with tacit approval and a WP-<year>-<nn> decision,
minutes approved by procedure."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.governance import counting
from secon.governance.models import Ballot, Decision, Minutes, WrittenProcedure
from secon.governance.services import minutes as minutes_service
from secon.governance.services import procedures as service
from secon.governance.tasks import run_written_procedures
from secon.mail.models import Email
from secon.mail.rendering import RENDERERS

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def open_one(world, days=7, **values):
    values = {
        "kind": "decision",
        "title": {"en": "Budget shift", "es": "Cambio de presupuesto"},
        "question": {"en": "Do you approve the budget shift?"},
        "draft_text": {"en": "The committee approves moving 5,000 EUR to communication."},
        "deadline": NOW + datetime.timedelta(days=days),
        "time_zone": "Europe/Athens",
        "rule": "absolute",
        **values,
    }
    return service.open_procedure(
        actor=world.users["coordinator"], committee=world.committee, now=NOW, **values
    )


def test_bad_procedures_are_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        open_one(world, days=-1, title={}, rule="most", time_zone="Mars/Olympus", kind="minutes")
    assert set(error.value.message_dict) == {"deadline", "title", "rule", "time_zone", "minutes"}
    assert "in the past" in error.value.message_dict["deadline"][0]
    with pytest.raises(ValidationError, match="at most 90 days"):
        open_one(world, days=91)
    with pytest.raises(PermissionDenied):
        service.open_procedure(
            actor=world.users["partner"],
            committee=world.committee,
            kind="question",
            title={"en": "T"},
            question={"en": "Q"},
            deadline=NOW + datetime.timedelta(days=3),
            time_zone="UTC",
        )
    assert not WrittenProcedure.objects.exists()
    assert not Email.objects.filter(kind="governance.procedure").exists()


def test_each_seat_holder_gets_a_link_in_their_language(world):
    open_one(world)
    sent = {e.recipient: e.language for e in Email.objects.filter(kind="governance.procedure")}
    assert sent == {
        world.users["partner"].email: "de",
        world.users["partner2"].email: "es",
        world.users["substitute"].email: "el",
    }


def test_the_latest_ballot_of_a_seat_counts_and_none_after_the_deadline(world):
    procedure = open_one(world)
    service.cast_procedure_ballot(actor=world.users["partner"], procedure=procedure, choice="no", now=NOW)
    service.cast_procedure_ballot(actor=world.users["substitute"], procedure=procedure, choice="yes", now=NOW)
    ballot = Ballot.objects.get(vote=procedure.vote)
    assert (ballot.choice, ballot.voter) == ("yes", world.users["substitute"])  # the same seat, the latest
    with pytest.raises(ValidationError, match="yes, no or abstain"):
        service.cast_procedure_ballot(actor=world.users["partner2"], procedure=procedure, choice="maybe")
    with pytest.raises(PermissionDenied):
        service.cast_procedure_ballot(actor=world.users["viewer"], procedure=procedure, choice="yes")
    late = procedure.deadline + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError, match="deadline has passed"):
        service.cast_procedure_ballot(
            actor=world.users["partner2"], procedure=procedure, choice="yes", now=late
        )
    assert Ballot.objects.count() == 1


def test_closed_by_the_task_with_tacit_approval_and_a_numbered_decision(world):
    procedure = open_one(world, tacit_approval=True)
    service.cast_procedure_ballot(actor=world.users["partner"], procedure=procedure, choice="yes", now=NOW)
    with pytest.raises(ValidationError, match="has not come yet"):
        service.close_procedure(actor=SYSTEM, procedure=procedure, now=NOW)
    after = procedure.deadline + datetime.timedelta(minutes=1)
    assert run_written_procedures(now=after.isoformat()) == {"closed": 1, "reminded": 0}
    procedure.refresh_from_db()
    result = procedure.vote.result
    assert (result["yes"], result["tacit"], result["basis"], result["passed"]) == (3, 2, 3, True)
    assert counting.describe_result(result) == (
        "3 of 3 voting seats voted yes; needed 2 = more than half of 3 voting seats; passed "
        "(2 seats said nothing by the deadline: counted as yes)"
    )
    year = procedure.deadline.astimezone(datetime.UTC).year
    assert procedure.decision.number == f"WP-{year}-01" and procedure.vote.status == "published"
    assert procedure.decision.text["en"].startswith("The committee approves moving")
    assert run_written_procedures(now=after.isoformat()) == {"closed": 0, "reminded": 0}  # closed once
    second = open_one(world, days=10)
    service.close_procedure(actor=SYSTEM, procedure=second, now=second.deadline)
    second.refresh_from_db()
    assert second.vote.result["passed"] is False and second.decision is None  # silence is not a yes here
    third = open_one(world, days=12)
    for user in ("partner", "partner2"):
        service.cast_procedure_ballot(actor=world.users[user], procedure=third, choice="yes", now=NOW)
    service.close_procedure(actor=SYSTEM, procedure=third, now=third.deadline)
    assert Decision.objects.filter(number__startswith="WP-").count() == 2
    assert WrittenProcedure.objects.get(pk=third.pk).decision.number.endswith("-02")


def test_reminders_72_and_24_hours_before_to_the_seats_that_have_not_voted(world):
    procedure = open_one(world, days=5)
    service.cast_procedure_ballot(actor=world.users["partner"], procedure=procedure, choice="yes", now=NOW)
    before = Email.objects.count()
    assert run_written_procedures(now=(procedure.deadline - datetime.timedelta(hours=80)).isoformat()) == {
        "closed": 0,
        "reminded": 0,
    }
    at_72 = (procedure.deadline - datetime.timedelta(hours=71)).isoformat()
    assert run_written_procedures(now=at_72)["reminded"] == 1
    reminded = set(Email.objects.order_by("pk")[before:].values_list("recipient", flat=True))
    assert reminded == {world.users["partner2"].email}  # seat 1 has voted
    assert run_written_procedures(now=at_72)["reminded"] == 0  # once
    assert (
        run_written_procedures(now=(procedure.deadline - datetime.timedelta(hours=2)).isoformat())["reminded"]
        == 1
    )
    assert WrittenProcedure.objects.get().reminders_sent == ["72h", "24h"]
    short = open_one(world, days=1)
    assert short.reminders_sent == ["72h", "24h"]  # opened inside both windows: no reminder right away


def test_minutes_approved_by_written_procedure(world, closed_meeting):
    minutes = minutes_service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    with pytest.raises(ValidationError, match="Only circulated minutes"):
        open_one(world, kind="minutes", minutes=minutes)
    minutes_service.circulate_minutes(actor=SYSTEM, minutes=minutes, now=NOW)  # comments for 10 days
    with pytest.raises(ValidationError, match="may comment on these minutes until") as error:
        open_one(world, kind="minutes", minutes=minutes, draft_text={}, rule="simple", days=7)
    assert set(error.value.message_dict) == {"deadline"}
    procedure = open_one(world, kind="minutes", minutes=minutes, draft_text={}, rule="simple", days=12)
    service.cast_procedure_ballot(actor=world.users["partner2"], procedure=procedure, choice="yes", now=NOW)
    service.close_procedure(actor=SYSTEM, procedure=procedure, now=procedure.deadline)
    approved = Minutes.objects.get()
    assert approved.status == "approved" and approved.approved_by.number.startswith("WP-")
    assert approved.meeting.status == "minutes_approved"


def test_a_procedure_is_cancelled_with_its_reason_and_takes_no_more_ballots(world):
    procedure = open_one(world)
    service.cast_procedure_ballot(actor=world.users["partner"], procedure=procedure, choice="yes", now=NOW)
    with pytest.raises(ValidationError, match="Give the reason"):
        service.cancel_procedure(actor=world.users["coordinator"], procedure=procedure, reason="  ")
    with pytest.raises(PermissionDenied):
        service.cancel_procedure(actor=world.users["partner2"], procedure=procedure, reason="No")
    assert WrittenProcedure.objects.get().status == "open"
    opened = Email.objects.filter(kind="governance.procedure").count()
    cancelled = service.cancel_procedure(
        actor=world.users["coordinator"], procedure=procedure, reason="The budget figures were wrong."
    )
    assert (cancelled.status, cancelled.cancel_reason, cancelled.cancelled_by) == (
        "cancelled",
        "The budget figures were wrong.",
        world.users["coordinator"],
    )
    assert cancelled.vote.status == "closed" and cancelled.decision is None
    told = Email.objects.filter(kind="governance.procedure", params__reason="cancelled")
    assert Email.objects.filter(kind="governance.procedure").count() == opened + 3
    assert {e.recipient: e.language for e in told} == {
        world.users["partner"].email: "de",
        world.users["partner2"].email: "es",
        world.users["substitute"].email: "el",
    }
    email = told.get(language="el")
    with translation.override("el"):
        rendered = RENDERERS[email.kind](**email.params)
    assert "The budget figures were wrong." in rendered.body and "Budget shift" in rendered.subject
    with pytest.raises(ValidationError, match="was cancelled: ballots are no longer accepted"):
        service.cast_procedure_ballot(
            actor=world.users["partner2"], procedure=procedure, choice="no", now=NOW
        )
    with pytest.raises(ValidationError, match="Only an open"):
        service.cancel_procedure(actor=SYSTEM, procedure=procedure, reason="Again")
    with pytest.raises(ValidationError, match="was cancelled"):
        service.close_procedure(actor=SYSTEM, procedure=procedure, now=procedure.deadline)
    after = procedure.deadline + datetime.timedelta(minutes=1)
    assert run_written_procedures(now=after.isoformat()) == {"closed": 0, "reminded": 0}
    assert Ballot.objects.count() == 1 and not Decision.objects.filter(number__startswith="WP-").exists()
    assert AuditEntry.objects.filter(model="governance.writtenprocedure", action="update").exists()
