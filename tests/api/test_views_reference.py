"""The OpenAPI schema and the reference page generated from it (no script, no CDN)."""

import pytest
import yaml

from secon.api.schema import NOT_BLANK
from secon.api.serializers.fields import AMOUNT
from secon.api.views.writing import KEY_PATTERN

pytestmark = pytest.mark.django_db


def test_the_schema_is_generated_openapi_3_with_the_bearer_scheme(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/sessions/", "/api/v1/practices/", "/api/v1/registrations/"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    parameters = {p["name"] for p in schema["paths"]["/api/v1/sessions/"]["get"]["parameters"]}
    assert {"expand", "lang", "page", "page_size", "event"} <= parameters


def test_the_reference_page_lists_every_operation_in_the_page_s_language(client):
    response = client.get("/en/api/")
    html = response.content.decode()
    assert response.status_code == 200 and "jsdelivr" not in html and "unpkg" not in html
    assert "GET /api/v1/sessions/" in html and "POST /api/v1/attendance/" in html
    assert "venue" in html and 'id="schema-Session"' in html
    assert "API-Referenz" in client.get("/de/api/").content.decode()


def _schema(client) -> dict:
    return yaml.safe_load(client.get("/api/schema/").content)


def _parameter(operation: dict, name: str) -> dict:
    return next(p for p in operation["parameters"] if p["name"] == name)


def test_the_schema_says_what_the_api_refuses_found_by_the_fuzzer(client):
    """Schema-valid requests the API refused (schemathesis's positive data acceptance): now the
    schema says it, so that a client generated from it sends what is accepted."""
    schema = _schema(client)
    paths = schema["paths"]
    components = schema["components"]["schemas"]
    # The bodies of registrations and check-ins are the inputs, not the records shown.
    registration = paths["/api/v1/registrations/"]["post"]["requestBody"]["content"]["application/json"]
    body = components[registration["schema"]["$ref"].rsplit("/", 1)[1]]
    assert {"event", "first_name", "last_name", "email", "accepts_terms"} <= set(body["required"])
    attendance = paths["/api/v1/attendance/"]["post"]["requestBody"]["content"]["application/json"]
    assert components[attendance["schema"]["$ref"].rsplit("/", 1)[1]]["required"] == ["registration"]
    # The registrations of an event, and the drafts of a project: the list needs it.
    assert _parameter(paths["/api/v1/registrations/"]["get"], "event")["required"] is True
    assert _parameter(paths["/api/v1/practice-drafts/"]["get"], "project")["required"] is True
    # No control character in the address; texts of filters at most 100 characters.
    events = paths["/api/v1/events/"]["get"]
    assert _parameter(events, "project")["schema"]["pattern"].startswith("^[^\\u0000-")
    assert _parameter(events, "project")["schema"]["maxLength"] == 100
    # ?expand= names one of the resource's expandable relations; the library's fixed facets too.
    assert _parameter(events, "expand")["schema"]["items"]["enum"] == ["host_organisation", "venues"]
    assert "greener" in _parameter(paths["/api/v1/practices/"]["get"], "theme")["schema"]["enum"]
    # A new action has a title; its months are in the years the services accept.
    action = components["ActionInputRequest"]
    assert (
        "title" in action["required"]
        and action["properties"]["start_month"]["pattern"] == "^(20[0-9]{2}|2100)-"
    )
    # A draft's values as the practice's columns and the services take them.
    draft = components["DraftInputRequest"]["properties"]

    def choices(field: dict) -> set:
        return {
            value for ref in field["oneOf"] for value in components[ref["$ref"].rsplit("/", 1)[1]]["enum"]
        }

    assert {"ES", ""} <= choices(draft["country"]) and "es" not in choices(draft["country"])
    assert "greener" in choices(draft["theme"])
    assert draft["keywords"]["maxItems"] == 12 and draft["keywords"]["items"]["maxLength"] == 40
    website = draft["website"]["oneOf"][0]  # or blank
    assert draft["city"]["maxLength"] == 120 and website["maxLength"] == 200
    assert website["pattern"].startswith("^(|([Hh][Tt][Tt][Pp]")
    assert action["properties"]["cost"]["pattern"] == AMOUNT  # 0 to 1,000,000,000 euros
    # No NUL in a text of a body, and a text that may not be blank is more than white space.
    assert components["RegistrationInputRequest"]["properties"]["first_name"]["pattern"] == NOT_BLANK
    key = _parameter(paths["/api/v1/actions/"]["post"], "Idempotency-Key")["schema"]
    assert key["maxLength"] == 200 and key["pattern"] == KEY_PATTERN
    assert _parameter(events, "page")["schema"]["maximum"] == 10**12 - 1
    # An optional parameter may be sent empty (no choice); a moment is in the years 1 to 9998.
    assert _parameter(events, "page")["allowEmptyValue"] is True
    assert _parameter(events, "updated_since")["schema"]["pattern"].startswith("^([0-8][0-9]{3}|")
    # The rules the schema cannot say are listed with the field they are refused on.
    rules = paths["/api/v1/actions/"]["post"]["x-refused-when"]
    assert {"status": 422, "field": "Idempotency-Key"}.items() <= rules[-1].items()
    assert any(rule["field"] == "end_month" and rule["status"] == 400 for rule in rules)
    assert "end_month" in paths["/api/v1/actions/"]["post"]["responses"]["400"]["description"]
