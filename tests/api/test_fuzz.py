"""Schemathesis against the API with a token of each role: no server error, every answer as documented.

Both of its generation modes: schema-valid requests (positive data) and schema-invalid ones
(negative data, which must be refused with a 4xx), with every default check but one (see
``fuzz``). Bounded (EXAMPLES per operation, mode and role, a fixed seed) to keep CI within minutes;
the number of requests it sends is printed (run with -s) and stated in the README. Every failure
of the run is collected and shown at once.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from secon.api.enums import ALL_SCOPES
from secon.wsgi import application
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db

ROLES = ("viewer", "editor", "coordinator", "superuser")
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
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


def fuzz(operation, mode, headers: dict, sent: dict):
    """A Hypothesis test of one operation in one generation mode, counting the requests sent."""

    @given(case=operation.as_strategy(generation_mode=mode))
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
        # Every default check but "positive data acceptance": a schema-valid body may name a record
        # that does not exist (an action plan, an event, a session by id), which is a 400 naming the
        # field by design, and the schema cannot say which ids exist.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    return call


def test_the_api_answers_every_generated_request_as_its_schema_says(data, wide_open):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    sent = {"requests": 0}
    failures = []
    for role in ROLES:
        _token, key = make_token(data.users[role], scopes=ALL_SCOPES)
        headers = {"Authorization": f"Bearer {key}"}
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in MODES:
                try:
                    fuzz(operation, mode, headers, sent)()
                except (Exception, BaseExceptionGroup) as error:  # every failure, not only the first
                    failures.append(f"{role}, {mode.value}, {operation.label}: {error}")
    print(f"schemathesis sent {sent['requests']} requests")
    assert not failures, "\n\n".join(failures)
    assert sent["requests"] > 0
