"""Practice drafts through the API: start one, change it, submit it — through the practices services."""

import pytest

from secon.api.models import IdempotentRequest
from secon.core.models import AuditEntry
from secon.practices.models import GoodPractice
from tests.api.conftest import make_token
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "summary": {"en": "A shop run by people far from work."},
    "description": {"en": "Collected textiles are sorted, mended and sold."},
    "resources": {"en": "Two staff, a shop, a van."},
    "evidence": {"en": "40 jobs in three years."},
    "transfer_potential": {"en": "Any town with a textile collection."},
    "difficulties": {"en": "Finding a shop."},
}


def test_an_editor_starts_a_draft_completes_it_and_submits_it(api, world):
    region = RegionFactory(code="ES43", level=2, name="Extremadura")
    _token, key = make_token(world.users["editor"], scopes=["practices:read", "practices:write"])
    body = {"project": "alpha", "title": {"en": "Textile reuse shop"}}
    created = api.post("/api/v1/practice-drafts/", key, body, HTTP_IDEMPOTENCY_KEY="draft-1")
    assert created.status_code == 201, created.content
    draft = created.json()
    assert draft["status"] == "draft" and draft["title"] == {"en": "Textile reuse shop"}
    assert draft["organisation"] == world.organisations["a2"].slug  # the editor's partner
    assert "summary" in draft["missing"] and "region" in draft["missing"]
    assert created["Location"].endswith(f"/api/v1/practice-drafts/{draft['id']}/")
    again = api.post("/api/v1/practice-drafts/", key, body, HTTP_IDEMPOTENCY_KEY="draft-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert GoodPractice.objects.count() == 1

    early = api.post(f"/api/v1/practice-drafts/{draft['id']}/submit/", key, {})
    assert early.status_code == 400 and early["Content-Type"] == "application/problem+json"
    assert "summary" in {error["field"] for error in early.json()["errors"]}

    changes = {
        **TEXTS,
        "theme": "social",
        "country": "ES",
        "region": "ES43",
        "city": "Cáceres",
        "main_institution": world.organisations["a2"].slug,
        "is_ongoing": True,
        "keywords": ["textiles", "reuse"],
    }
    changed = api.patch(f"/api/v1/practice-drafts/{draft['id']}/", key, changes)
    assert changed.status_code == 200, changed.content
    assert changed.json()["missing"] == {} and changed.json()["region"] == region.code

    submitted = api.post(f"/api/v1/practice-drafts/{draft['id']}/submit/", key, {"comment": "Ready."})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert GoodPractice.objects.get().status == "submitted"
    assert api.get(created["Location"], key).json()["status"] == "submitted"
    listed = api.get("/api/v1/practice-drafts/", key, {"project": "alpha"}).json()
    assert [row["id"] for row in listed["results"]] == [draft["id"]]
    assert IdempotentRequest.objects.count() == 1
    assert (
        AuditEntry.objects.filter(model="api.token", changes__has_key="request").count() == 3
    )  # create, change, submit


def test_a_change_sent_again_with_its_key_does_not_undo_a_later_one(api, world):
    _token, key = make_token(world.users["editor"], scopes=["practices:read", "practices:write"])
    draft = api.post("/api/v1/practice-drafts/", key, {"project": "alpha", "title": {"en": "Shop"}}).json()
    path = f"/api/v1/practice-drafts/{draft['id']}/"
    first = api.patch(path, key, {"city": "Mérida"}, HTTP_IDEMPOTENCY_KEY="city-1")
    assert first.status_code == 200 and first.json()["city"] == "Mérida"
    assert api.patch(path, key, {"city": "Cáceres"}).status_code == 200

    replayed = api.patch(path, key, {"city": "Mérida"}, HTTP_IDEMPOTENCY_KEY="city-1")

    assert replayed.status_code == 200 and replayed["Idempotent-Replayed"] == "true"
    assert replayed.json()["city"] == "Mérida"  # the first answer, given again
    assert GoodPractice.objects.get().city == "Cáceres"  # the later change stands
    other = api.patch(path, key, {"city": "Badajoz"}, HTTP_IDEMPOTENCY_KEY="city-1")
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert GoodPractice.objects.get().city == "Cáceres"


def test_bad_values_name_their_field_and_change_nothing(api, world):
    _token, key = make_token(world.users["editor"], scopes=["practices:write", "practices:read"])
    for body, field in [
        ({"title": {"en": "No project"}}, "project"),
        ({"project": "nowhere"}, "project"),
        ({"project": "alpha", "title": "not an object"}, "title"),
        ({"project": "alpha", "title": {"fr": "Boutique"}}, "title"),  # the project does not publish French
        ({"project": "alpha", "region": "XX99"}, "region"),
        ({"project": "alpha", "start_date": "2025-13-01"}, "start_date"),
        ({"project": "alpha", "start_date": "2025-05-01", "end_date": "2024-01-01"}, "end_date"),
        ({"project": "alpha", "keywords": ["x" * 41]}, "keywords"),
        ({"project": "alpha", "organisation": "beta-lead-authority"}, "organisation"),
    ]:
        response = api.post("/api/v1/practice-drafts/", key, body)
        assert response.status_code == 400, (body, response.content)
        assert field in [error["field"] for error in response.json()["errors"]], (body, response.json())
    assert not GoodPractice.objects.exists()


def test_permissions_are_the_services_and_the_token_s(api, world):
    _token, viewer = make_token(world.users["viewer"], scopes=["practices:write", "practices:read"])
    refused = api.post("/api/v1/practice-drafts/", viewer, {"project": "alpha"})
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    _token, read_only = make_token(world.users["editor"], scopes=["practices:read"])
    assert api.post("/api/v1/practice-drafts/", read_only, {"project": "alpha"}).status_code == 403
    _token, beta_only = make_token(
        world.users["superuser"], scopes=["practices:write"], project=world.projects["b"]
    )
    limited = api.post("/api/v1/practice-drafts/", beta_only, {"project": "alpha"})
    assert limited.status_code == 400 and limited.json()["errors"][0]["field"] == "project"
    assert not GoodPractice.objects.exists()

    _token, editor = make_token(world.users["editor"], scopes=["practices:write", "practices:read"])
    draft = api.post("/api/v1/practice-drafts/", editor, {"project": "alpha"}).json()
    # Another member of the project does not even see the draft; nobody changes it through a token
    # that lacks the scope.
    assert api.get(f"/api/v1/practice-drafts/{draft['id']}/", viewer).status_code == 404
    patched = api.patch(f"/api/v1/practice-drafts/{draft['id']}/", viewer, {"city": "Mérida"})
    assert patched.status_code == 404
    assert GoodPractice.objects.get().city == ""


def test_the_list_reads_a_fixed_number_of_queries(api, world, django_assert_max_num_queries):
    _token, key = make_token(world.users["editor"], scopes=["practices:write", "practices:read"])
    for n in range(12):
        api.post("/api/v1/practice-drafts/", key, {"project": "alpha", "title": {"en": f"Draft {n}"}})
    with django_assert_max_num_queries(12):
        response = api.get("/api/v1/practice-drafts/", key, {"project": "alpha", "expand": "organisation"})
    assert response.json()["count"] == 12


def _complete(world) -> dict:
    RegionFactory(code="ES43", level=2, name="Extremadura")
    return {
        **TEXTS,
        "title": {"en": "Textile reuse shop"},
        "theme": "social",
        "country": "ES",
        "region": "ES43",
        "city": "Cáceres",
        "main_institution": world.organisations["a2"].slug,
        "is_ongoing": True,
    }


def test_an_editor_deletes_a_draft_and_a_submitted_practice_stays(api, world):
    _token, key = make_token(world.users["editor"], scopes=["practices:read", "practices:write"])
    draft = api.post("/api/v1/practice-drafts/", key, {"project": "alpha", "title": {"en": "Shop"}}).json()
    path = f"/api/v1/practice-drafts/{draft['id']}/"

    deleted = api.delete(path, key)

    assert deleted.status_code == 204 and deleted.content == b""
    assert not GoodPractice.objects.filter(pk=draft["id"]).exists()
    assert AuditEntry.objects.filter(
        model="practices.goodpractice", object_id=str(draft["id"]), action="delete"
    ).exists()
    uses = [
        entry.changes.get("request", ["", ""])[1] for entry in AuditEntry.objects.filter(model="api.token")
    ]
    assert f"DELETE {path} → 204" in uses
    # Sent again (an answer lost on the way): the draft is gone either way.
    again = api.delete(path, key)
    assert again.status_code == 404 and again["Content-Type"] == "application/problem+json"

    submitted = api.post("/api/v1/practice-drafts/", key, {"project": "alpha", **_complete(world)}).json()
    sent = api.post(f"/api/v1/practice-drafts/{submitted['id']}/submit/", key, {})
    assert sent.status_code == 200, sent.content
    refused = api.delete(f"/api/v1/practice-drafts/{submitted['id']}/", key)
    assert refused.status_code == 409 and refused["Content-Type"] == "application/problem+json"
    assert "no longer a draft" in refused.json()["detail"]
    assert GoodPractice.objects.filter(pk=submitted["id"], status="submitted").exists()


def test_deleting_a_draft_needs_the_write_scope_and_the_right_to_edit_it(api, world):
    _token, editor = make_token(world.users["editor"], scopes=["practices:read", "practices:write"])
    draft = api.post("/api/v1/practice-drafts/", editor, {"project": "alpha"}).json()
    path = f"/api/v1/practice-drafts/{draft['id']}/"
    _token, read_only = make_token(world.users["editor"], scopes=["practices:read"])
    refused = api.delete(path, read_only)
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    _token, viewer = make_token(world.users["viewer"], scopes=["practices:read", "practices:write"])
    assert api.delete(path, viewer).status_code == 404  # not even said to exist
    _token, beta_only = make_token(
        world.users["superuser"], scopes=["practices:write"], project=world.projects["b"]
    )
    assert api.delete(path, beta_only).status_code == 404
    assert api.delete("/api/v1/practice-drafts/99999999999999999999/", editor).status_code == 404
    assert GoodPractice.objects.filter(pk=draft["id"]).exists()
    assert not AuditEntry.objects.filter(action="delete").exists()
