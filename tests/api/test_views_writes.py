"""Writes: registrations and check-in through the services, 201 + Location, idempotency, 413."""

import json

import pytest

from secon.api.models import IdempotentRequest
from secon.core.models import AuditEntry
from secon.events.models import Attendance, Registration
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db


def person(**values):
    return {
        "event": values.pop("event"),
        "first_name": "Ana",
        "last_name": "García",
        "email": "ana@example.org",
        "accepts_terms": True,
        **values,
    }


def test_an_organiser_registers_a_person_and_a_replay_returns_the_first_answer(api, data):
    _token, key = make_token(data.users["coordinator"], scopes=["registrations:write", "registrations:read"])
    body = person(event=data.event.pk)
    response = api.post("/api/v1/registrations/", key, body, HTTP_IDEMPOTENCY_KEY="order-17")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["email"] == "ana@example.org" and created["status"] == "confirmed"
    assert response["Location"].endswith(f"/api/v1/registrations/{created['id']}/")
    again = api.post("/api/v1/registrations/", key, body, HTTP_IDEMPOTENCY_KEY="order-17")
    assert again.status_code == 201 and again.json() == created and again["Idempotent-Replayed"] == "true"
    assert Registration.objects.count() == 1
    other = api.post(
        "/api/v1/registrations/", key, {**body, "first_name": "Eva"}, HTTP_IDEMPOTENCY_KEY="order-17"
    )
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Registration.objects.count() == 1 and IdempotentRequest.objects.count() == 1
    assert AuditEntry.objects.filter(model="api.token", changes__has_key="request").count() == 1
    read = api.get(response["Location"], key).json()
    assert read["id"] == created["id"]
    listed = api.get("/api/v1/registrations/", key, {"event": data.event.pk}).json()
    assert listed["count"] == 1


def test_business_rules_come_back_on_their_field_and_nothing_is_saved(api, data):
    _token, key = make_token(data.users["coordinator"], scopes=["registrations:write"])
    for body, field in [
        (person(event=data.event.pk, accepts_terms=False), "terms"),
        (person(event=999999), "event"),
        (person(event=data.event.pk, email="not an address"), "email"),
        (person(event=data.event.pk, sessions=[999999]), "sessions"),
        ({"event": "x"}, "event"),
    ]:
        response = api.post("/api/v1/registrations/", key, body)
        assert response.status_code == 400, (field, response.content)
        assert response["Content-Type"] == "application/problem+json"
        assert field in [error["field"] for error in response.json()["errors"]]
    assert not Registration.objects.exists()


def test_personal_data_needs_the_scope_and_the_organiser_s_permission(api, data):
    _token, viewer = make_token(data.users["viewer"], scopes=["registrations:read", "registrations:write"])
    assert api.get("/api/v1/registrations/", viewer, {"event": data.event.pk}).status_code == 403
    assert api.post("/api/v1/registrations/", viewer, person(event=data.event.pk)).status_code == 403
    _token, public = make_token(data.users["coordinator"], scopes=["events:read", "sessions:read"])
    assert api.get("/api/v1/registrations/", public, {"event": data.event.pk}).status_code == 403
    _token, other = make_token(
        data.users["coordinator"], scopes=["registrations:read"], project=data.projects["a"]
    )
    assert api.get("/api/v1/registrations/", other).status_code == 400  # the event is required
    assert not Registration.objects.exists()


def test_an_integration_withdraws_a_registration_and_it_stays_cancelled(api, data):
    scopes = ["registrations:read", "registrations:write"]
    _token, admin = make_token(data.users["coordinator"], scopes=scopes)
    registration_id = api.post("/api/v1/registrations/", admin, person(event=data.event.pk)).json()["id"]
    path = f"/api/v1/registrations/{registration_id}/"
    _token, viewer = make_token(data.users["viewer"], scopes=scopes)
    assert api.delete(path, viewer).status_code == 404  # not an organiser of the event: not shown
    _token, reader = make_token(data.users["coordinator"], scopes=["registrations:read"])
    assert api.delete(path, reader).status_code == 403  # the token cannot write

    assert api.delete(path, admin).status_code == 204
    assert Registration.objects.get(pk=registration_id).status == "cancelled"
    assert api.get(path, admin).json()["status"] == "cancelled"
    assert api.delete(path, admin).status_code == 204  # withdrawn already: nothing more happens
    assert AuditEntry.objects.filter(model="api.token", changes__has_key="request").count() == 3


def test_a_check_in_app_checks_a_participant_in_once(api, data):
    _token, admin = make_token(data.users["coordinator"], scopes=["registrations:write"])
    registration_id = api.post("/api/v1/registrations/", admin, person(event=data.event.pk)).json()["id"]
    _token, desk = make_token(data.users["coordinator"], scopes=["attendance:write"])
    day = data.event.start_date.isoformat()
    body = {"registration": registration_id, "day": day}
    response = api.post("/api/v1/attendance/", desk, body)
    assert response.status_code == 201 and response.json()["day"] == day
    assert response["Location"].endswith(f"/api/v1/registrations/{registration_id}/")
    assert api.post("/api/v1/attendance/", desk, body).status_code == 201
    assert Attendance.objects.count() == 1
    wrong_day = api.post("/api/v1/attendance/", desk, {"registration": registration_id, "day": "2020-01-01"})
    assert wrong_day.status_code == 400 and wrong_day.json()["errors"][0]["field"] == "day"


def test_checking_in_a_withdrawn_registration_names_the_registration(api, data):
    """Found by the fuzzer: the refusal named no field (the service's error is about the record)."""
    scopes = ["registrations:read", "registrations:write", "attendance:write"]
    _token, key = make_token(data.users["coordinator"], scopes=scopes)
    registration_id = api.post("/api/v1/registrations/", key, person(event=data.event.pk)).json()["id"]
    assert api.delete(f"/api/v1/registrations/{registration_id}/", key).status_code == 204
    day = data.event.start_date.isoformat()
    response = api.post("/api/v1/attendance/", key, {"registration": registration_id, "day": day})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["registration"]
    assert not Attendance.objects.exists()


def test_a_body_over_the_limit_is_a_413_problem(api, data, settings):
    settings.API_MAX_BODY_BYTES = 1024
    _token, key = make_token(data.users["coordinator"], scopes=["registrations:write"])
    body = person(event=data.event.pk, organisation_name="x" * 5000)
    response = api.post("/api/v1/registrations/", key, json.dumps(body))
    assert response.status_code == 413 and response["Content-Type"] == "application/problem+json"
    assert not Registration.objects.exists()
