"""Written procedures' pages: who may open one (bad input first), members vote from the page after signing
in, the result and decision after closing, bounded queries."""

import datetime

import pytest

from django.utils import timezone

from secon.core.permissions import SYSTEM
from secon.governance.models import Ballot, WrittenProcedure
from secon.governance.services import procedures

pytestmark = pytest.mark.django_db

SC = "/en/secon/committee/sc/"


def form(**values):
    day = timezone.localdate() + datetime.timedelta(days=7)
    return {
        "kind": "decision",
        "title_en": "Budget shift",
        "question_en": "Do you approve the budget shift?",
        "draft_text_en": "Moving 5,000 EUR to communication is approved.",
        "day": day.isoformat(),
        "time": "12:00",
        "time_zone": "Europe/Athens",
        "rule": "absolute",
        **values,
    }


def test_opening_a_procedure_bad_input_first(world):
    client = world.client("coordinator")
    assert client.get(SC + "procedures/new/").status_code == 200
    past = form(day="2020-01-01", title_en="", rule="x")
    refused = client.post(SC + "procedures/new/", past)
    assert refused.status_code == 400
    assert refused.context["form"].errors.keys() >= {"title", "rule"}
    refused = client.post(SC + "procedures/new/", form(day="2020-01-01"))
    assert refused.status_code == 400 and "in the past" in str(refused.context["form"].errors["day"])
    assert not WrittenProcedure.objects.exists()
    assert world.client("partner").get(SC + "procedures/new/").status_code == 403
    assert world.client("other").post(SC + "procedures/new/", form()).status_code in (403, 404)
    done = client.post(SC + "procedures/new/", form())
    assert done.status_code == 302 and WrittenProcedure.objects.count() == 1


def test_a_member_votes_on_the_page_and_reads_the_result(world):
    procedure = procedures.open_procedure(
        actor=SYSTEM,
        committee=world.committee,
        kind="question",
        title={"en": "Extend?"},
        question={"en": "Extend the project?"},
        deadline=timezone.now() + datetime.timedelta(days=2),
        time_zone="Europe/Madrid",
    )
    page = SC + f"procedures/{procedure.pk}/"
    assert world.client("anonymous").get(page).status_code == 302  # sign in first
    member = world.client("partner2")
    assert "Your vote for" in member.get(page).content.decode()
    assert member.post(page, {"choice": "perhaps"}).status_code == 400
    assert member.post(page, {"choice": "yes"}).status_code == 302
    assert world.client("coordinator").post(page, {"choice": "yes"}).status_code == 403  # holds no seat
    assert Ballot.objects.count() == 1
    procedures.close_procedure(actor=SYSTEM, procedure=procedure, now=procedure.deadline)
    closed = member.get(page).content.decode()
    assert "1 of 3 voting seats voted yes; needed 2" in closed and "not passed" in closed
    assert member.post(page, {"choice": "no"}).status_code == 400
    listing = member.get(SC + "procedures/").content.decode()
    assert "Extend?" in listing
    assert member.post(SC + f"votes/{procedure.vote_id}/ballot/", {"choice": "yes"}).status_code == 404


def test_the_chair_or_secretary_cancels_a_procedure_on_its_page(world):
    procedure = procedures.open_procedure(
        actor=SYSTEM,
        committee=world.committee,
        kind="question",
        title={"en": "Extend?"},
        question={"en": "Extend the project?"},
        deadline=timezone.now() + datetime.timedelta(days=2),
        time_zone="Europe/Madrid",
    )
    page = SC + f"procedures/{procedure.pk}/"
    member, coordinator = world.client("partner2"), world.client("coordinator")
    assert "Cancel the procedure" not in member.get(page).content.decode()
    assert "Cancel the procedure" in coordinator.get(page).content.decode()
    assert member.post(page, {"action": "cancel", "cancel_reason": "No"}).status_code == 403
    empty = coordinator.post(page, {"action": "cancel", "cancel_reason": ""})
    assert empty.status_code == 400 and "Give the reason" in empty.content.decode()
    assert coordinator.post(page, {"action": "cancel", "cancel_reason": "Asked twice."}).status_code == 302
    shown = member.get(page).content.decode()
    assert "Cancelled on" in shown and "Asked twice." in shown and "Votes cast" in shown
    refused = member.post(page, {"choice": "yes"})
    assert refused.status_code == 400 and "was cancelled" in refused.content.decode()
    assert not Ballot.objects.exists()


def test_procedure_pages_run_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    for n in range(4):
        procedures.open_procedure(
            actor=SYSTEM,
            committee=world.committee,
            kind="question",
            title={"en": f"P{n}"},
            question={"en": "Q"},
            deadline=timezone.now() + datetime.timedelta(days=2 + n),
            time_zone="UTC",
        )
    client = world.client("partner")
    first = WrittenProcedure.objects.first()
    for path in (SC + "procedures/", SC + f"procedures/{first.pk}/"):
        with django_assert_max_num_queries(14):
            assert client.get(path).status_code == 200
