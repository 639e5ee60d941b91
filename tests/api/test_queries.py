"""Every list runs a fixed number of queries whatever the page size, expansions included."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from secon.api.enums import ALL_SCOPES
from secon.practices.models import Transfer
from tests.api.conftest import make_token
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "projects": "",
    "partners": "organisation,regions",
    "organisations": "region",
    "regions": "",
    "events": "venues,host_organisation",
    "sessions": "event,venue,presenting_organisations,practices",
    "practices": "region,organisation",
    "transfers": "practice,region",
    "decisions": "",
    "instruments": "region",
    "articles": "",
    "actions": "",
}


def count(api, key, path, params):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path, key, params)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


def test_lists_run_as_many_queries_for_one_record_as_for_a_full_page(api, data):
    for practice, code in zip(data.practices[1:], ("ZZ2", "ZZ3"), strict=True):
        region = RegionFactory(code=code, level=1, name=f"Region {code}")
        Transfer.objects.create(
            practice=practice, project=data.projects["a"], partner=data.partners["a3"], region=region
        )
    data.sessions[0].practices.set(data.practices)
    data.sessions[1].practices.set(data.practices[:2])
    _token, key = make_token(data.users["viewer"], scopes=ALL_SCOPES)
    api.get("/api/v1/regions/", key)  # the token's first use notes it (once a minute)
    for name, expand in LISTS.items():
        params = {"expand": expand} if expand else {}
        few, _shown = count(api, key, f"/api/v1/{name}/", {**params, "page_size": 1})
        many, shown_many = count(api, key, f"/api/v1/{name}/", {**params, "page_size": 200})
        assert few == many, f"{name}: {few} queries for one record, {many} for {shown_many}"
        assert many <= 12, name


def test_the_practices_list_reads_only_the_key_of_a_related_record_it_does_not_expand(api, data):
    """Their texts in every language were read and decoded for nothing (the profile of 200 practices
    per page on PostgreSQL); expanded, they are read, and the queries stay as many as for one."""
    _token, key = make_token(data.users["viewer"], scopes=ALL_SCOPES)
    api.get("/api/v1/regions/", key)  # the token's first use notes it (once a minute)
    for params in ({}, {"q": "cooperative"}, {"updated_since": "2000-01-01T00:00:00Z"}):
        api.get("/api/v1/practices/", key, {**params, "page_size": 2})  # what a search keeps for the next
        few, _shown = count(api, key, "/api/v1/practices/", {**params, "page_size": 1})
        with CaptureQueriesContext(connection) as queries:
            found = api.get("/api/v1/practices/", key, {**params, "page_size": 200}).json()
        sql = " ".join(query["sql"] for query in queries)
        assert '"projects_project"."title"' not in sql and '"organisations_organisation"."name"' not in sql
        assert found["results"][0]["project"] == "alpha", params
        assert found["results"][0]["organisation"] == data.organisations["a2"].slug
        assert found["results"][0]["region"] == data.region.code
        assert len(queries) == few, params
    expanded = api.get("/api/v1/practices/", key, {"expand": "organisation,region"}).json()["results"][0]
    assert expanded["organisation"]["name"] == data.organisations["a2"].name
