"""The API knows its caller by a bearer token: a bad, expired or revoked one gets a 401 problem."""

import pytest
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from secon.api.services import tokens
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db


class Echo(APIView):
    resource = "practices"

    def get(self, request):
        return Response({"user": request.user.email, "token": request.auth.prefix})

    def post(self, request):
        return Response({"written": True})


def call(method="get", **headers):
    request = getattr(APIRequestFactory(), method)("/api/v1/echo/", {}, format="json", **headers)
    return Echo.as_view()(request)


def test_a_token_acts_as_its_user(world):
    token, key = make_token(world.users["viewer"], scopes=["practices:read"])
    response = call(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.data == {"user": "viewer@example.org", "token": token.prefix}


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer a b", "Bearer secon_nope", "Bearer é"])
def test_no_or_a_malformed_key_is_a_401_problem_asking_for_a_bearer_token(world, header):
    response = call(**({"HTTP_AUTHORIZATION": header} if header else {})).render()
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.data["status"] == 401 and response.data["detail"]


def test_a_revoked_token_fails_at_the_next_request(world):
    token, key = make_token(world.users["viewer"])
    assert call(HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    tokens.revoke_token(actor=world.users["viewer"], token=token)
    response = call(HTTP_AUTHORIZATION=f"Bearer {key}").render()
    assert response.status_code == 401 and "revoked" in response.data["detail"]
