import datetime

import pytest

from django.utils import timezone

from secon.api.enums import ALL_SCOPES
from secon.api.services.tokens import create_token
from tests.accounts.world import build_world


@pytest.fixture
def world(db):
    return build_world()


def make_token(user, *, scopes=ALL_SCOPES, project=None, partner=None, days=30, name="integration"):
    """Create a token through the service; return (token, key)."""
    created = create_token(
        actor=user,
        name=name,
        kind="integration",
        scopes=list(scopes),
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
        project=project,
        partner=partner,
    )
    return created.token, created.key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
