"""Schemathesis's stateful phase: sequences of operations linked by the schema's dependencies (an id
one answer returns, used by the next request), with a token of each role (viewer, partner editor,
coordinator, administrator) on the records of ``fuzzing.fuzz_data``; no server error and every answer
as documented. Bounded (few sequences, short ones) to keep CI within minutes."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from secon.api.enums import ALL_SCOPES
from secon.wsgi import application
from tests.api.conftest import make_token
from tests.api.fuzzing import fuzz_data
from tests.api.test_fuzz import ROLES, wide_open  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

#: Sequences per role (each at most STEPS requests); with four roles, 4 × 3 = 12 sequences.
SEQUENCES = 3
STEPS = 4


@pytest.mark.parametrize("role", ROLES)
def test_linked_operations_answer_as_their_schema_says(data, wide_open, role):  # noqa: F811
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    fuzz_data(data)
    _token, key = make_token(data.users[role], scopes=ALL_SCOPES)
    sent = {"requests": 0}

    class Workflow(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {key}"}}

        def validate_response(self, response, case, additional_checks=(), **kwargs):
            sent["requests"] += 1
            # The token is ours (not generated): "ignored auth" would count its 200 as a failure.
            # "Positive data acceptance" is test_fuzz.py's: here a step's ids come from the answers
            # linked to it, or are generated (no record), and the same strategy draws both modes.
            case.validate_response(response, excluded_checks=[positive_data_acceptance, ignored_auth])

    run_state_machine_as_test(
        Workflow,
        settings=settings(
            max_examples=SEQUENCES,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    print(f"schemathesis's stateful phase sent {sent['requests']} requests as {role}")
    assert sent["requests"] > 0
