"""The OpenAPI schema and the reference page generated from it (no script, no CDN)."""

import pytest
import yaml

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
