"""Actions of action plans through the API: add one, change it, record its progress (policy services)."""

import pytest

from secon.core.permissions import SYSTEM
from secon.policy import plans, services
from secon.policy.models import Action, ProgressNote
from tests.api.conftest import make_token
from tests.events.factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    alpha = world.projects["a"]
    instrument = services.create_instrument(
        actor=SYSTEM,
        project=alpha,
        partner=world.partners["a2"],
        name={"en": "Regional programme"},
        kind="programme",
        managing_body="Managing authority",
        region=world.region,
        funds="ERDF",
        description={"en": "Support for social-economy enterprises."},
    )
    return plans.create_plan(actor=SYSTEM, instrument=instrument, title="Plan")


def test_a_partner_adds_an_action_changes_it_and_records_its_progress(api, world, plan):
    practice = published(world.projects["a"], title="Textile reuse shop")
    _token, key = make_token(world.users["editor"], scopes=["actions:read", "actions:write"])
    body = {"plan": plan.pk, "title": "Open a reuse shop", "cost": "25000.50", "practices": [practice.pk]}
    created = api.post("/api/v1/actions/", key, body, HTTP_IDEMPOTENCY_KEY="a-1")
    assert created.status_code == 201, created.content
    action = created.json()
    assert action["status"] == "not_started" and action["practices"] == [practice.pk]
    assert action["cost"] == "25000.50" and created["Location"].endswith(f"/api/v1/actions/{action['id']}/")
    assert api.post("/api/v1/actions/", key, body, HTTP_IDEMPOTENCY_KEY="a-1").json() == action
    assert Action.objects.count() == 1

    changed = api.patch(
        f"/api/v1/actions/{action['id']}/", key, {"rationale": "Textile waste.", "practices": []}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["rationale"] == "Textile waste." and changed.json()["practices"] == []

    progress = {"status": "implemented", "text": "The shop opened.", "implemented_on": "2026-03-02"}
    noted = api.post(f"/api/v1/actions/{action['id']}/progress/", key, progress, HTTP_IDEMPOTENCY_KEY="p-1")
    assert noted.status_code == 201, noted.content
    assert noted.json()["status"] == "implemented" and noted.json()["implemented_on"] == "2026-03-02"
    assert [note["text"] for note in noted.json()["notes"]] == ["The shop opened."]
    api.post(f"/api/v1/actions/{action['id']}/progress/", key, progress, HTTP_IDEMPOTENCY_KEY="p-1")
    assert ProgressNote.objects.count() == 1
    listed = api.get("/api/v1/actions/", key, {"plan": plan.pk}).json()
    assert listed["count"] == 1 and listed["results"][0]["status"] == "implemented"


def test_the_services_rules_come_back_on_their_field(api, world, plan):
    _token, key = make_token(world.users["editor"], scopes=["actions:read", "actions:write"])
    for body, field in [
        ({"title": "No plan"}, "plan"),
        ({"plan": 999999, "title": "Unknown plan"}, "plan"),
        ({"plan": plan.pk, "title": ""}, "title"),
        (
            {"plan": plan.pk, "title": "Late", "start_month": "2026-05-01", "end_month": "2026-01-01"},
            "end_month",
        ),
        ({"plan": plan.pk, "title": "Inspired", "practices": [999999]}, "practices"),
        ({"plan": plan.pk, "title": "Dear", "cost": "-1"}, "cost"),
    ]:
        response = api.post("/api/v1/actions/", key, body)
        assert response.status_code == 400, (body, response.content)
        assert field in [error["field"] for error in response.json()["errors"]], (body, response.json())
    assert not Action.objects.exists()
    action = api.post("/api/v1/actions/", key, {"plan": plan.pk, "title": "Shop"}).json()
    for body, field in [
        ({"status": "done", "text": "x"}, "status"),
        ({"status": "in_progress", "text": " "}, "text"),
    ]:
        response = api.post(f"/api/v1/actions/{action['id']}/progress/", key, body)
        assert response.status_code == 400 and field in [e["field"] for e in response.json()["errors"]]
    assert not ProgressNote.objects.exists()


def test_only_the_plan_s_editors_write_and_members_read(api, world, plan):
    _token, viewer = make_token(world.users["viewer"], scopes=["actions:read", "actions:write"])
    refused = api.post("/api/v1/actions/", viewer, {"plan": plan.pk, "title": "Shop"})
    assert refused.status_code == 403
    _token, editor = make_token(world.users["editor"], scopes=["actions:read", "actions:write"])
    action = api.post("/api/v1/actions/", editor, {"plan": plan.pk, "title": "Shop"}).json()
    assert api.get(f"/api/v1/actions/{action['id']}/", viewer).status_code == 200  # a member reads
    progress = {"status": "in_progress", "text": "Started."}
    assert api.post(f"/api/v1/actions/{action['id']}/progress/", viewer, progress).status_code == 403
    _token, other = make_token(world.users["other_coordinator"], scopes=["actions:read", "actions:write"])
    assert api.get(f"/api/v1/actions/{action['id']}/", other).status_code == 404
    assert api.get("/api/v1/actions/", other).json()["count"] == 0
    _token, elsewhere = make_token(
        world.users["superuser"], scopes=["actions:read", "actions:write"], project=world.projects["b"]
    )
    assert api.post("/api/v1/actions/", elsewhere, {"plan": plan.pk, "title": "X"}).status_code == 400
    assert not ProgressNote.objects.exists() and Action.objects.count() == 1


def test_the_list_reads_a_fixed_number_of_queries(api, world, plan, django_assert_max_num_queries):
    practice = published(world.projects["a"], title="Shop")
    _token, key = make_token(world.users["coordinator"], scopes=["actions:read", "actions:write"])
    for n in range(8):
        api.post(
            "/api/v1/actions/", key, {"plan": plan.pk, "title": f"Action {n}", "practices": [practice.pk]}
        )
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/actions/", key)
    assert response.json()["count"] == 8
