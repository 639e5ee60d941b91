"""Actions: what, why, inspiring practices, players, months, cost, funding, progress and transfers."""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.permissions import SYSTEM
from secon.policy import actions, plans
from secon.policy.models import Action, ActionFunding, ActionInspiration, ActionTransfer, ProgressNote
from secon.practices.models import Transfer
from tests.events.factories import published
from tests.factories import OrganisationFactory, ProjectFactory
from tests.policy.conftest import evidence_file
from tests.practices.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return plans.create_plan(actor=SYSTEM, instrument=world.instruments[0], title="Plan")


def add(world, plan, actor="partner", **values):
    return actions.add_action(actor=world.users[actor], plan=plan, **{"title": "Reuse shop", **values})


def test_an_action_with_everything(world, plan):
    practice = published(world.project)
    elsewhere = published(ProjectFactory(), title="PLACEAT")
    organisation = OrganisationFactory()
    action = add(
        world,
        plan,
        rationale="Textile waste, and people far from work.",
        start_month=datetime.date(2025, 3, 17),
        end_month=datetime.date(2026, 6, 2),
        cost="25000.5",
        practice_ids=[practice.pk, elsewhere.pk],
        players=[
            {"organisation": organisation, "role": "runs the shop"},
            {"name": "City council", "role": "premises"},
        ],
        funding=[
            {"instrument": world.instruments[0], "amount": 20000},
            {"source": "Own budget", "amount": "5000.50"},
        ],
    )
    assert action.start_month == datetime.date(2025, 3, 1) and action.end_month == datetime.date(2026, 6, 1)
    assert action.cost == Decimal("25000.50")
    assert set(action.inspirations.values_list("practice_id", flat=True)) == {practice.pk, elsewhere.pk}
    assert [p.role for p in action.players.all()] == ["runs the shop", "premises"]
    assert ActionFunding.objects.filter(action=action).count() == 2


@pytest.mark.parametrize("cost", [-5, 10**15, "abc", "NaN", "1e400"])
def test_a_cost_out_of_bounds_is_refused_on_its_field(world, plan, cost):
    with pytest.raises(ValidationError) as error:
        add(world, plan, cost=cost)
    assert "cost" in error.value.message_dict
    assert not Action.objects.exists()


def test_a_funding_amount_out_of_bounds_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        add(world, plan, funding=[{"source": "Bank", "amount": 10**15}])
    assert "funding" in error.value.message_dict
    assert not Action.objects.exists()


def test_an_unknown_practice_is_refused_by_its_number(world, plan):
    hidden = GoodPracticeFactory(project=ProjectFactory(), status="draft")
    with pytest.raises(ValidationError) as error:
        add(world, plan, practice_ids=[999999, hidden.pk])
    message = error.value.message_dict["practices"][0]
    assert "999999" in message and str(hidden.pk) in message
    assert not Action.objects.exists()


def test_an_action_ends_after_it_starts(world, plan):
    with pytest.raises(ValidationError) as error:
        add(world, plan, start_month=datetime.date(2026, 5, 1), end_month=datetime.date(2026, 4, 1))
    assert "end_month" in error.value.message_dict


def test_players_and_funding_need_a_name_and_a_role(world, plan):
    with pytest.raises(ValidationError):
        add(world, plan, players=[{"name": "", "role": "x"}])
    with pytest.raises(ValidationError):
        add(world, plan, players=[{"name": "Council", "role": ""}])
    with pytest.raises(ValidationError):
        add(world, plan, funding=[{"amount": 5}])
    with pytest.raises(ValidationError):
        add(world, plan, funding=[{"instrument": _foreign_instrument(world)}])
    assert not Action.objects.exists()


def _foreign_instrument(world):
    from secon.policy import services
    from tests.factories import PartnerFactory

    partner = PartnerFactory(project=world.other_project)
    return services.create_instrument(
        actor=SYSTEM,
        project=world.other_project,
        partner=partner,
        name={"en": "X"},
        kind="law",
        managing_body="Y",
    )


def test_another_partner_cannot_touch_the_actions(world, plan):
    action = add(world, plan)
    with pytest.raises(PermissionDenied):
        add(world, plan, actor="partner2")
    with pytest.raises(PermissionDenied):
        actions.update_action(actor=world.users["partner2"], action=action, title="Hijacked")
    with pytest.raises(PermissionDenied):
        actions.record_progress(actor=world.users["partner2"], action=action, text="x", status="implemented")
    with pytest.raises(PermissionDenied):
        actions.delete_action(actor=world.users["viewer"], action=action)
    action.refresh_from_db()
    assert (action.title, action.status) == ("Reuse shop", "not_started")


def test_update_replaces_the_links(world, plan):
    first, second = published(world.project), published(world.project, title="ACTYVA")
    action = add(world, plan, practice_ids=[first.pk], players=[{"name": "A", "role": "r"}])
    actions.update_action(
        actor=world.users["partner"], action=action, practice_ids=[second.pk], players=[], cost=10
    )
    assert list(action.inspirations.values_list("practice_id", flat=True)) == [second.pk]
    assert not action.players.exists()
    action.refresh_from_db()
    assert action.cost == 10


def test_progress_is_recorded_after_approval_with_evidence(world, plan):
    action = add(world, plan)
    plans.submit_plan(actor=world.users["partner"], plan=plan)
    plans.approve_plan(actor=world.users["coordinator"], plan=plan)
    note = actions.record_progress(
        actor=world.users["partner"],
        action=action,
        text="The shop opened in Mérida.",
        status="implemented",
        evidence=evidence_file("opening.pdf"),
        implemented_on=datetime.date(2026, 5, 4),
    )
    action.refresh_from_db()
    assert action.status == "implemented" and action.implemented_on == datetime.date(2026, 5, 4)
    assert note.evidence.name.startswith("policy/progress/")
    actions.record_progress(
        actor=world.users["partner"], action=action, text="Closed again.", status="abandoned"
    )
    action.refresh_from_db()
    assert action.implemented_on is None and ProgressNote.objects.count() == 2


def test_progress_needs_a_text_a_status_and_a_sound_file(world, plan):
    action = add(world, plan)
    for values, field in [
        ({"text": " ", "status": "in_progress"}, "text"),
        ({"text": "x", "status": "done"}, "status"),
        ({"text": "x", "status": "in_progress", "evidence": evidence_file("x.exe")}, "evidence"),
    ]:
        with pytest.raises(ValidationError) as error:
            actions.record_progress(actor=world.users["partner"], action=action, **values)
        assert field in error.value.message_dict
    action.refresh_from_db()
    assert action.status == "not_started" and not ProgressNote.objects.exists()


def test_a_transfer_links_to_the_action_it_led_to(world, plan):
    practice = published(ProjectFactory(), title="REMUDARTE")
    transfer = Transfer.objects.create(
        practice=practice,
        project=world.project,
        partner=world.partners[0],
        region=world.partners[0].regions.first(),
    )
    action = add(world, plan)
    actions.link_transfer(actor=world.users["partner"], action=action, transfer=transfer)
    assert ActionInspiration.objects.filter(action=action, practice=practice).exists()
    with pytest.raises(ValidationError):
        actions.link_transfer(actor=world.users["partner"], action=action, transfer=transfer)
    theirs = Transfer.objects.create(
        practice=practice,
        project=world.project,
        partner=world.partners[1],
        region=world.partners[1].regions.first(),
    )
    with pytest.raises(ValidationError) as error:
        actions.link_transfer(actor=world.users["partner"], action=action, transfer=theirs)
    assert "transfer" in error.value.message_dict
    link = ActionTransfer.objects.get()
    actions.unlink_transfer(actor=world.users["partner"], link=link)
    assert not ActionTransfer.objects.exists()


def test_players_name_hub_organisations(world, plan):
    with pytest.raises(TypeError):
        add(world, plan, players=[{"organisation": "Cooprado", "role": "x"}])
    assert not Action.objects.exists()
