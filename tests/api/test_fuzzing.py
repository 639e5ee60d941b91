"""The schemathesis runs' own helpers (``fuzzing``): the request they judge is the one sent."""

from collections import Counter

import schemathesis
from schemathesis import GenerationMode

from django.core.signals import request_started

from secon.wsgi import application
from tests.api.conftest import make_token
from tests.api.fuzzing import as_sent
from tests.api.test_fuzz import fuzz, wide_open  # noqa: F401 (a fixture)


def test_a_query_value_nesting_an_object_is_sent_as_the_reported_request_carries_it(world, wide_open):  # noqa: F811
    """werkzeug sent an object's repr (a printable text, once: a 200) where the reported request,
    which the checks judge and the failure prints, repeated its keys with their control characters."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    case = schema["/api/v1/practices/"]["GET"].Case(
        query={"country": {"E\x1d": {}, "S": [1]}, "region": [{"F": 1}]}
    )
    _token, key = make_token(world.users["editor"])
    received = []

    def receive(sender, environ, **kwargs):
        received.append(environ["QUERY_STRING"])

    as_sent(case)
    request_started.connect(receive)
    try:
        response = case.call(headers={"Authorization": f"Bearer {key}"})
    finally:
        request_started.disconnect(receive)

    assert received == ["country=E%1D&country=S&region=F"]
    assert response.request.url.endswith("?" + received[0])
    assert response.status_code == 400
    assert case.query == {"country": ["E\x1d", "S"], "region": ["F"]}


def test_a_case_made_invalid_in_its_authorization_header_is_sent_without_the_token(data, wide_open):  # noqa: F811
    """The run at seed 11, 15 examples, narrowed to the one operation it found "accepting" a case
    without the header and with ``expand`` null: sent with the token and ``?expand=`` (valid), the
    200 was right, but the case judged had no token."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    _token, key = make_token(data.users["editor"])
    sent = Counter()

    fuzz(
        schema["/api/v1/people/"]["GET"],
        GenerationMode.NEGATIVE,
        {"Authorization": f"Bearer {key}"},
        sent,
        None,
        11,
        15,
    )()

    assert sent["requests"] == sent["negative 4xx"] > 0
