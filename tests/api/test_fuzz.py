"""Schemathesis against the API with a token of each role: no server error, every answer as documented.

Both of its generation modes, with every default check: schema-valid requests (positive data) must
be accepted — a 2xx, or a refusal the check allows (401/403/404/409/429), or the refusal of a rule
the operation documents (``x-refused-when``, see ``fuzzing.allow_documented_rules``) — and
schema-invalid ones (negative data) refused with a 4xx. The schema-valid ones name records that
exist (``fuzzing.real_ids``: the schema cannot say which ids exist). Bounded (EXAMPLES per
operation, mode and role; the seed ``fuzzing.seeds``, in the test's id) to keep CI within minutes;
the number of requests it sends, per mode and class of status, is printed (run with -s) and stated
in the README. Every failure of
the run is collected and shown at once.
"""

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from secon.api.enums import ALL_SCOPES
from secon.wsgi import application
from tests.api.conftest import make_token
from tests.api.fuzzing import (
    EXAMPLES,
    allow_documented_rules,
    as_sent,
    fuzz_data,
    real_ids,
    seeds,
    token_headers,
    untransmitted,
)

pytestmark = pytest.mark.django_db

ROLES = ("viewer", "editor", "coordinator", "superuser")
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


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


def fuzz(operation, mode, headers: dict, sent: dict, hooks, run_seed: int, examples: int = EXAMPLES):
    """A Hypothesis test of one operation in one generation mode, counting the requests sent."""

    @seed(run_seed)
    @given(case=operation.as_strategy(generation_mode=mode, hooks=hooks if mode.is_positive else None))
    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        sent["requests"] += 1
        as_sent(case)  # see fuzzing.as_sent
        excluded = [negative_data_rejection] if untransmitted(case) else []  # see fuzzing.untransmitted
        response = case.call_and_validate(headers=token_headers(case, headers), excluded_checks=excluded)
        status = response.status_code
        sent[
            f"{mode.value} {status // 100}xx"
            if status < 400 or not mode.is_positive
            else f"positive {status}"
        ] += 1

    return call


@pytest.mark.parametrize("run_seed", seeds())
def test_the_api_answers_every_generated_request_as_its_schema_says(data, wide_open, run_seed):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    refused = allow_documented_rules(schema)
    hooks = real_ids(fuzz_data(data))
    sent = Counter()
    failures = []
    for role in ROLES:
        _token, key = make_token(data.users[role], scopes=ALL_SCOPES)
        headers = {"Authorization": f"Bearer {key}"}
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in MODES:
                try:
                    fuzz(operation, mode, headers, sent, hooks, run_seed)()
                except (Exception, BaseExceptionGroup) as error:  # every failure, not only the first
                    failures.append(f"{role}, {mode.value}, {operation.label}: {error}")
    print(
        f"schemathesis sent {sent['requests']} requests (seed {run_seed}): "
        + ", ".join(f"{n} {k}" for k, n in sorted(sent.items()) if k != "requests")
    )
    print("schema-valid requests refused by a documented rule:", dict(sorted(refused.items())))
    assert not failures, "\n\n".join(failures)
    assert sent["requests"] > 0
