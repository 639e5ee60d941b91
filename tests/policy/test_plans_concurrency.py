"""Two coordinators deciding on the same submitted plan at the same moment, with real threads on
the database: the first decision stands, the second is refused with a message, one version approved."""

import threading

import pytest

from django.core.exceptions import ValidationError
from django.db import connection

from secon.policy import actions, plans
from secon.policy.models import ActionPlan, PlanVersion
from secon.projects.tenancy import scopes_disabled
from tests.governance.conftest import member

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every write anyway"
)


def _submitted(world) -> ActionPlan:
    partner = world.users["partner"]
    plan = plans.create_plan(actor=partner, instrument=world.instruments[0], title="Social economy plan")
    actions.add_action(actor=partner, plan=plan, title="Open a reuse shop")
    plans.submit_plan(actor=partner, plan=plan)
    return plan


def _at_once(*attempts) -> list:
    """Run the attempts in threads released together; return each one's outcome (or refusal)."""
    outcomes = []
    start = threading.Barrier(len(attempts))

    def run(attempt):
        try:
            start.wait()
            with scopes_disabled():  # a thread starts without the test's (disabled) scope
                attempt()
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_approving_at_once_approve_once(world):
    plan = _submitted(world)
    second = member(world.project, "coordinator", first_name="Dana")
    outcomes = _at_once(
        lambda: plans.approve_plan(actor=world.users["coordinator"], plan=plan),
        lambda: plans.approve_plan(actor=second, plan=plan),
    )
    assert sorted(outcomes) == ["Version 1 of this plan is approved already: nothing was changed.", "done"]
    approved = PlanVersion.objects.filter(plan=plan, approved_at__isnull=False)
    assert approved.count() == 1
    assert approved.get().approved_by in (world.users["coordinator"], second)
    plan.refresh_from_db()
    assert (plan.status, plan.version) == ("approved", 1)


@pytest.mark.django_db(transaction=True)
def test_approving_and_returning_at_once_one_decision_stands(world):
    plan = _submitted(world)
    second = member(world.project, "coordinator", first_name="Dana")
    outcomes = _at_once(
        lambda: plans.approve_plan(actor=world.users["coordinator"], plan=plan),
        lambda: plans.return_plan(actor=second, plan=plan, reason="Name the practices."),
    )
    assert outcomes.count("done") == 1
    [refusal] = [outcome for outcome in outcomes if outcome != "done"]
    assert "nothing was changed" in refusal
    plan.refresh_from_db()
    version = PlanVersion.objects.get(plan=plan, number=1)
    if plan.status == "approved":  # the approval came first
        assert version.approved_at and not version.returned_reason and plan.version == 1
    else:  # the return came first: version 1 stays unapproved, version 2 is a draft
        assert (plan.status, plan.version) == ("draft", 2)
        assert version.approved_at is None and version.returned_reason == "Name the practices."
