"""Action plans: written by their own partner, submitted, approved by a coordinator, revised in versions."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.policy import actions, plans
from secon.policy.models import ActionPlan, PlanVersion

pytestmark = pytest.mark.django_db


def write_plan(world, actor=None):
    return plans.create_plan(
        actor=actor or world.users["partner"], instrument=world.instruments[0], title="Social economy plan"
    )


def test_a_partner_writes_the_plan_of_their_own_instrument(world):
    plan = write_plan(world)
    assert (plan.partner, plan.version, plan.status) == (world.partners[0], 1, "draft")
    assert AuditEntry.objects.filter(model="policy.actionplan", object_id=str(plan.pk)).exists()


@pytest.mark.parametrize("role", ["partner2", "viewer", "other"])
def test_nobody_else_writes_or_changes_a_partners_plan(world, role):
    with pytest.raises(PermissionDenied):
        write_plan(world, actor=world.users[role])
    plan = write_plan(world)
    with pytest.raises(PermissionDenied):
        plans.update_plan(actor=world.users[role], plan=plan, title="Hijacked")
    with pytest.raises(PermissionDenied):
        plans.submit_plan(actor=world.users[role], plan=plan)
    plan.refresh_from_db()
    assert plan.title == "Social economy plan" and ActionPlan.objects.count() == 1


def test_one_plan_per_instrument(world):
    write_plan(world)
    with pytest.raises(ValidationError) as error:
        write_plan(world)
    assert "instrument" in error.value.message_dict


def test_an_empty_plan_is_not_submitted(world):
    plan = write_plan(world)
    with pytest.raises(ValidationError, match="at least one action"):
        plans.submit_plan(actor=world.users["partner"], plan=plan)
    plan.refresh_from_db()
    assert plan.status == "draft" and not PlanVersion.objects.exists()


def test_draft_submitted_approved_then_a_new_version(world):
    partner, coordinator = world.users["partner"], world.users["coordinator"]
    plan = write_plan(world)
    actions.add_action(actor=partner, plan=plan, title="Open a reuse shop", cost=25000)
    version = plans.submit_plan(actor=partner, plan=plan)
    assert version.number == 1 and version.snapshot[0]["title"] == "Open a reuse shop"
    with pytest.raises(PermissionDenied):
        plans.approve_plan(actor=partner, plan=plan)
    with pytest.raises(ValidationError):
        actions.add_action(actor=partner, plan=plan, title="Late idea")
    version = plans.approve_plan(actor=coordinator, plan=plan)
    plan.refresh_from_db()
    assert plan.status == "approved" and version.approved_by == coordinator and version.approved_at
    plan = plans.revise_plan(actor=partner, plan=plan)
    assert (plan.version, plan.status) == (2, "draft")
    actions.add_action(actor=partner, plan=plan, title="Second idea")
    assert plans.submit_plan(actor=partner, plan=plan).number == 2


def test_a_returned_plan_needs_a_reason_and_becomes_the_next_draft(world):
    partner, coordinator = world.users["partner"], world.users["coordinator"]
    plan = write_plan(world)
    actions.add_action(actor=partner, plan=plan, title="Open a reuse shop")
    plans.submit_plan(actor=partner, plan=plan)
    with pytest.raises(ValidationError) as error:
        plans.return_plan(actor=coordinator, plan=plan, reason="  ")
    assert "reason" in error.value.message_dict
    plan = plans.return_plan(actor=coordinator, plan=plan, reason="Name the practices.")
    assert (plan.version, plan.status) == (2, "draft")
    assert PlanVersion.objects.get(plan=plan, number=1).returned_reason == "Name the practices."


def test_only_a_submitted_plan_is_approved(world):
    plan = write_plan(world, actor=SYSTEM)
    with pytest.raises(ValidationError):
        plans.approve_plan(actor=world.users["coordinator"], plan=plan)


def test_a_plan_decided_already_is_refused_with_what_became_of_it(world):
    partner, coordinator = world.users["partner"], world.users["coordinator"]
    plan = write_plan(world)
    actions.add_action(actor=partner, plan=plan, title="Open a reuse shop")
    with pytest.raises(ValidationError) as error:
        plans.approve_plan(actor=coordinator, plan=plan)
    assert error.value.messages == ["Version 1 of this plan is a draft, not submitted: nothing was changed."]
    plans.submit_plan(actor=partner, plan=plan)
    plans.approve_plan(actor=coordinator, plan=plan)
    for decide in (
        lambda: plans.approve_plan(actor=coordinator, plan=plan),
        lambda: plans.return_plan(actor=coordinator, plan=plan, reason="Too late"),
    ):
        with pytest.raises(ValidationError) as error:
            decide()
        assert error.value.messages == ["Version 1 of this plan is approved already: nothing was changed."]
    assert PlanVersion.objects.get(plan=plan).returned_reason == ""
