"""People through the API: only those whose data the token's user handles; e-mail only with consent."""

import pytest

from secon.core.permissions import SYSTEM
from secon.organisations.services import record_consent
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["last_name"] for row in response.json()["results"]}


def test_a_coordinator_reads_the_project_s_people_and_e_mails_only_where_they_consented(api, world):
    record_consent(actor=SYSTEM, person=world.people["a2"], kind="share_contact", granted=True, source="test")
    record_consent(actor=SYSTEM, person=world.people["a3"], kind="share_contact", granted=True, source="test")
    record_consent(
        actor=SYSTEM, person=world.people["a3"], kind="share_contact", granted=False, source="later"
    )
    _token, names_only = make_token(world.users["coordinator"], scopes=["people:read"])
    response = api.get("/api/v1/people/", names_only)
    assert names(response) == {"Of Alpha Lead Agency", "Of Alpha Cooperative", "Of Alpha Only Foundation"}
    assert {row["email"] for row in response.json()["results"]} == {None}
    _token, contacts = make_token(world.users["coordinator"], scopes=["people:read", "contacts:read"])
    rows = {row["last_name"]: row for row in api.get("/api/v1/people/", contacts).json()["results"]}
    assert rows["Of Alpha Cooperative"]["email"] == "person.a2@example.org"
    assert rows["Of Alpha Cooperative"]["shares_contact"] is True
    assert rows["Of Alpha Only Foundation"]["email"] is None  # the consent was withdrawn
    assert rows["Of Alpha Lead Agency"]["email"] is None  # never asked
    expanded = api.get(
        "/api/v1/people/", contacts, {"expand": "organisation", "organisation": "alpha-cooperative"}
    )
    assert [row["organisation"]["name"] for row in expanded.json()["results"]] == ["Alpha Cooperative"]


def test_each_role_sees_only_the_people_it_handles(api, world):
    _token, editor = make_token(world.users["editor"], scopes=["people:read"])
    assert names(api.get("/api/v1/people/", editor)) == {"Of Alpha Cooperative"}
    _token, viewer = make_token(world.users["viewer"], scopes=["people:read"])
    assert names(api.get("/api/v1/people/", viewer)) == set()
    _token, other = make_token(world.users["other_coordinator"], scopes=["people:read"])
    assert names(api.get("/api/v1/people/", other)) == {"Of Beta Lead Authority"}
    assert api.get(f"/api/v1/people/{world.people['a1'].pk}/", other).status_code == 404
    _token, limited = make_token(
        world.users["superuser"], scopes=["people:read"], project=world.projects["b"]
    )
    assert names(api.get("/api/v1/people/", limited)) == {"Of Beta Lead Authority"}
    assert api.get("/api/v1/people/", limited, {"project": "alpha"}).status_code == 400
    _token, public = make_token(world.users["coordinator"], scopes=["partners:read", "contacts:read"])
    refused = api.get("/api/v1/people/", public)
    assert refused.status_code == 403 and "people:read" in refused.json()["detail"]


def test_the_list_reads_a_fixed_number_of_queries(api, world, django_assert_max_num_queries):
    _token, key = make_token(world.users["coordinator"], scopes=["people:read", "contacts:read"])
    api.get("/api/v1/people/", key)
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/people/", key, {"expand": "organisation"})
    assert response.json()["count"] == 3
