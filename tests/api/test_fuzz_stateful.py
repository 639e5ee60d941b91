"""Schemathesis's stateful phase: sequences of operations linked by the schema's dependencies (an id
one answer returns, used by the next request), with a token of each role (viewer, partner editor,
coordinator, administrator) on the records of ``fuzzing.fuzz_data``; no server error and every
answer as documented, with every default check but "ignored auth" (the token is ours). A valid
step's references that no link filled name existing records (``fuzzing.name_records``), so that
"positive data acceptance" holds it to the schema as in ``test_fuzz.py``. Bounded (few sequences,
short ones: ``fuzzing.SEQUENCES``, ``fuzzing.STEPS``; the seed ``fuzzing.seeds``) to keep CI within
minutes."""

import pytest
import schemathesis
from hypothesis import HealthCheck, seed, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.specs.openapi.checks import ignored_auth, negative_data_rejection

from secon.api.enums import ALL_SCOPES
from secon.wsgi import application
from tests.api.conftest import make_token
from tests.api.fuzzing import (
    SEQUENCES,
    STEPS,
    allow_documented_rules,
    as_sent,
    fuzz_data,
    name_records,
    seeds,
    token_headers,
    untransmitted,
)
from tests.api.test_fuzz import ROLES, wide_open  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("run_seed", seeds())
@pytest.mark.parametrize("role", ROLES)
def test_linked_operations_answer_as_their_schema_says(data, wide_open, role, run_seed):  # noqa: F811
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    refused = allow_documented_rules(schema)
    records = fuzz_data(data)
    _token, key = make_token(data.users[role], scopes=ALL_SCOPES)
    sent = {"requests": 0}

    class Workflow(schema.as_state_machine()):
        def step(self, input):
            name_records(input.case, records, input.applied_parameters)
            as_sent(input.case)
            return super().step(input)

        def get_call_kwargs(self, case):
            return {"headers": token_headers(case, {"Authorization": f"Bearer {key}"})}

        def validate_response(self, response, case, additional_checks=(), **kwargs):
            sent["requests"] += 1
            # The token is ours (not generated): "ignored auth" would count its 200 as a failure.
            excluded = [ignored_auth, negative_data_rejection] if untransmitted(case) else [ignored_auth]
            case.validate_response(response, excluded_checks=excluded)

    try:
        run_state_machine_as_test(
            seed(run_seed)(Workflow),
            settings=settings(
                max_examples=SEQUENCES,
                stateful_step_count=STEPS,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
    finally:  # the count of a failed run too
        print(
            f"schemathesis's stateful phase sent {sent['requests']} requests as {role} (seed {run_seed});"
            " refused by a rule:",
            dict(refused),
        )
    assert sent["requests"] > 0
