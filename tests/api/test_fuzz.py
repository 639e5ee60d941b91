"""Schemathesis against the API with a token of each role: no server error, every answer as documented.

Bounded (a few examples per operation and role, a fixed seed) to keep CI fast; the number of
requests it sends is printed (run with -s to see it).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from secon.api.enums import ALL_SCOPES
from secon.wsgi import application
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db

ROLES = ("viewer", "editor", "coordinator", "superuser")
EXAMPLES = 3


@pytest.fixture
def wide_open(settings):
    """No throttle, and the test's database connection kept open across the in-process requests
    (Django's handler closes it after each request; its test client disconnects that too)."""
    settings.API_RATE = "100000/minute"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def fuzz(operation, headers: dict, sent: dict):
    """A Hypothesis test of one operation with the given headers, counting the requests sent."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        sent["requests"] += 1
        # Every default check but one: a schema-valid string holding control characters is refused
        # (400) by design, which "positive data acceptance" counts as a failure.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    return call


def test_the_api_answers_every_generated_request_as_its_schema_says(data, wide_open):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    sent = {"requests": 0}
    for role in ROLES:
        _token, key = make_token(data.users[role], scopes=ALL_SCOPES)
        headers = {"Authorization": f"Bearer {key}"}
        for result in schema.get_all_operations():
            fuzz(result.ok(), headers, sent)()
    print(f"schemathesis sent {sent['requests']} requests")
    assert sent["requests"] > 0
