"""A token reaches a resource only with its scope: read for reading, write for writing."""

import pytest

from secon.api.permissions import allows_project
from tests.api.conftest import make_token
from tests.api.test_authentication import call

pytestmark = pytest.mark.django_db


def test_the_scope_decides_read_and_write(world):
    _token, reader = make_token(world.users["editor"], scopes=["practices:read"])
    _token, writer = make_token(world.users["editor"], scopes=["practices:write"])
    assert call(HTTP_AUTHORIZATION=f"Bearer {reader}").status_code == 200
    refused = call("post", HTTP_AUTHORIZATION=f"Bearer {reader}").render()
    assert refused.status_code == 403 and "practices:write" in refused.data["detail"]
    assert refused["Content-Type"] == "application/problem+json"
    assert call("post", HTTP_AUTHORIZATION=f"Bearer {writer}").status_code == 200
    assert call(HTTP_AUTHORIZATION=f"Bearer {writer}").status_code == 403


def test_a_project_limit_lets_only_that_project_through(world):
    limited, _key = make_token(world.users["editor"], project=world.projects["a"])
    free, _key = make_token(world.users["editor"])
    assert allows_project(limited, world.projects["a"].pk)
    assert not allows_project(limited, world.projects["b"].pk)
    assert allows_project(free, world.projects["b"].pk)
