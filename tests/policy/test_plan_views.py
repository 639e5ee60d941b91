"""The action-plan pages: who sees and edits what, bad input on the fields, bounded queries."""

import pytest

from secon.core.permissions import SYSTEM
from secon.policy import actions, plans
from secon.policy.models import Action, ActionPlan, ProgressNote
from tests.events.factories import published
from tests.policy.conftest import evidence_file

pytestmark = pytest.mark.django_db

BASE = "/en/secon/policy/plans/"


@pytest.fixture
def plan(world):
    return plans.create_plan(actor=SYSTEM, instrument=world.instruments[0], title="Reuse plan")


def action_data(**values):
    return {"title": "Open a reuse shop", "rationale": "Textile waste.", "cost": "25000", **values}


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("other", 403), ("viewer", 200), ("partner2", 200), ("partner", 200)],
)
def test_plans_are_read_by_the_projects_members(world, plan, role, expected):
    client = world.client(role)
    assert client.get(BASE).status_code == expected
    assert client.get(f"{BASE}{plan.pk}/").status_code == expected


def test_a_partner_writes_their_plan_and_an_action_inspired_by_a_practice(world):
    practice = published(world.project)
    client = world.client("partner")
    page = client.get(f"{BASE}new/?instrument={world.instruments[0].pk}")
    assert page.status_code == 200
    options = page.context["form"].fields["instrument"].choices
    assert [pk for pk, _label in options] == [world.instruments[0].pk]  # their own instrument only
    response = client.post(f"{BASE}new/", {"instrument": world.instruments[0].pk, "title": "Reuse plan"})
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and plan.partner == world.partners[0]
    data = action_data(
        practices=[practice.pk],
        players="Cooprado | trains the shepherds",
        start_month="2025-03",
        end_month="2026-06",
        funding_1_instrument=world.instruments[1].pk,
        funding_1_amount="20000",
        funding_2_source="Own budget",
        funding_2_amount="5000",
    )
    response = client.post(f"{BASE}{plan.pk}/actions/new/", data)
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.funding.count() == 2 and action.players.get().role == "trains the shepherds"
    page = client.get(f"{BASE}{plan.pk}/").content.decode()
    assert "Open a reuse shop" in page and "No good practice named" not in page


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"cost": "-5"}, "cost", "between 0 and 1,000,000,000 euros"),
        ({"cost": "1000000000000000"}, "cost", "between 0 and 1,000,000,000 euros"),
        ({"cost": "twelve"}, "cost", "in euros"),
        ({"other_practices": "999999"}, "other_practices", "No good practice number 999999"),
        ({"other_practices": "abc"}, "other_practices", "practice numbers only"),
        ({"other_practices": "²"}, "other_practices", "practice numbers only"),
        ({"start_month": "2025-13"}, "start_month", "YYYY-MM"),
        ({"start_month": "2026-05", "end_month": "2026-04"}, "end_month", "cannot end before it starts"),
        ({"players": "Cooprado"}, "players", "who | role"),
        ({"funding_1_amount": "5"}, "funding_1_source", "name the source"),
        ({"title": ""}, "title", "required"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(world, plan, values, field, message):
    client = world.client("partner")
    response = client.post(f"{BASE}{plan.pk}/actions/new/", action_data(**values))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not Action.objects.exists()


def test_another_partner_cannot_write_in_the_plan(world, plan):
    client = world.client("partner2")
    assert client.get(f"{BASE}{plan.pk}/actions/new/").status_code == 403
    assert client.post(f"{BASE}{plan.pk}/actions/new/", action_data()).status_code == 403
    assert client.post(f"{BASE}{plan.pk}/submit/").status_code == 403
    response = client.post(f"{BASE}new/", {"instrument": world.instruments[0].pk, "title": "Hijack"})
    assert response.status_code == 400 and "instrument" in response.context["form"].errors
    assert not Action.objects.exists() and ActionPlan.objects.count() == 1


def test_the_plan_warns_of_an_action_without_inspiring_practice(world, plan):
    actions.add_action(actor=SYSTEM, plan=plan, title="Uninspired")
    page = world.client("viewer").get(f"{BASE}{plan.pk}/").content.decode()
    assert "1 action names no good practice that inspired it: “Uninspired”." in page


def test_submit_approve_and_a_return_without_reason(world, plan):
    actions.add_action(actor=SYSTEM, plan=plan, title="Shop")
    partner, coordinator = world.client("partner"), world.client("coordinator")
    assert partner.post(f"{BASE}{plan.pk}/approve/").status_code == 403
    assert partner.post(f"{BASE}{plan.pk}/submit/").status_code == 302
    response = coordinator.post(f"{BASE}{plan.pk}/return/", {"reason": ""})
    assert response.status_code == 400
    assert "Say what should change." in response.context["return_form"].errors["reason"]
    assert coordinator.post(f"{BASE}{plan.pk}/approve/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"
    response = partner.post(f"{BASE}{plan.pk}/submit/")
    assert response.status_code == 400 and "Only a draft can be submitted." in response.content.decode()


def test_progress_with_evidence_and_a_bad_file(world, plan):
    action = actions.add_action(actor=SYSTEM, plan=plan, title="Shop")
    client = world.client("partner")
    url = f"{BASE}{plan.pk}/actions/{action.pk}/progress/"
    bad = client.post(
        url, {"progress": "1", "status": "implemented", "text": "Opened", "evidence": evidence_file("x.exe")}
    )
    assert bad.status_code == 400 and not ProgressNote.objects.exists()
    good = client.post(
        url, {"progress": "1", "status": "implemented", "text": "Opened", "evidence": evidence_file()}
    )
    assert good.status_code == 302
    note = ProgressNote.objects.get()
    assert world.client("viewer").get(note.evidence.url).status_code == 200
    assert world.client("other").get(note.evidence.url).status_code == 404


def test_the_plan_page_runs_a_bounded_number_of_queries(world, plan, django_assert_max_num_queries):
    practices = [published(world.project, title=f"Practice {n}") for n in range(3)]
    for n in range(12):
        actions.add_action(
            actor=SYSTEM,
            plan=plan,
            title=f"Action {n}",
            practice_ids=[p.pk for p in practices],
            players=[{"name": "Council", "role": "funds"}],
            funding=[{"instrument": world.instruments[0], "amount": 10}],
        )
    client = world.client("partner")
    with django_assert_max_num_queries(20):
        assert client.get(f"{BASE}{plan.pk}/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(BASE).status_code == 200
