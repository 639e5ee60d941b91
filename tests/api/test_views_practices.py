"""Good practices through the API: the library's search and filters, and their bad values."""

import pytest

from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from tests.api.conftest import make_token
from tests.events.factories import published

pytestmark = pytest.mark.django_db


def test_search_and_filters_as_in_the_library(api, data):
    _token, key = make_token(data.users["viewer"], scopes=["practices:read"])
    everything = api.get("/api/v1/practices/", key).json()
    assert everything["count"] == 3 and everything["next"] is None
    found = api.get("/api/v1/practices/", key, {"q": "bakery"}).json()
    assert [practice["title"] for practice in found["results"]] == [{"en": "Cooperative bakery"}]
    greener = api.get("/api/v1/practices/", key, {"theme": "greener", "lang": "de"}).json()
    assert greener["count"] == 1 and greener["results"][0]["summary"] == "Zusammenfassung 2"
    expanded = api.get("/api/v1/practices/", key, {"expand": "organisation", "project": "alpha"}).json()
    assert expanded["results"][0]["organisation"]["name"] == "Alpha Cooperative"
    paged = api.get("/api/v1/practices/", key, {"page_size": 2, "page": 2}).json()
    assert len(paged["results"]) == 1 and paged["previous"] and paged["next"] is None


@pytest.mark.parametrize(
    "params, field",
    [
        ({"theme": "purple"}, "theme"),
        ({"status": "draft"}, "status"),
        ({"language": "tlh"}, "language"),
        ({"page": 99}, "page"),
        ({"page": 10**9}, "page"),
        ({"q": "x" * 300}, "q"),
    ],
)
def test_bad_values_are_problems_naming_the_parameter(api, data, params, field):
    _token, key = make_token(data.users["viewer"], scopes=["practices:read"])
    response = api.get("/api/v1/practices/", key, params)
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field


def test_drafts_are_not_listed(api, data):
    from tests.practices.factories import GoodPracticeFactory

    GoodPracticeFactory(project=data.projects["a"], title={"en": "Secret draft"})
    _token, key = make_token(data.users["coordinator"], scopes=["practices:read"])
    titles = [
        p["title"]["en"] for p in api.get("/api/v1/practices/", key, {"page_size": 200}).json()["results"]
    ]
    assert "Secret draft" not in titles and len(titles) == 3


def test_the_count_of_changes_follows_a_published_practice(api, data, django_capture_on_commit_callbacks):
    """The count of an updated_since list is kept until the library changes (see CachedCountPaginator)."""
    _token, key = make_token(data.users["viewer"], scopes=["practices:read"])
    since = {"updated_since": "2020-01-01T00:00:00Z", "page_size": 1}
    first = api.get("/api/v1/practices/", key, since).json()
    assert first["count"] == 3
    assert api.get("/api/v1/practices/", key, {**since, "page": 2}).json()["count"] == 3

    # As every service write: the change is recorded, which marks the library changed on commit.
    with django_capture_on_commit_callbacks(execute=True):
        practice = published(data.projects["a"], title="Community kitchen")
        record_change(
            actor=SYSTEM, instance=practice, action=AuditEntry.Action.CREATE, project_id=practice.project_id
        )

    assert api.get("/api/v1/practices/", key, since).json()["count"] == 4
