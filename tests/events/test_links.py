"""Personal links: signed, expiring tokens."""

import datetime

import pytest

from secon.events.links import LinkExpired, LinkInvalid, make_token, read_token
from secon.events.selectors import (
    find_registration,
)
from tests.events.factories import (
    EventFactory,
    register,
)

pytestmark = pytest.mark.django_db


def test_personal_link_forged_or_expired_is_refused():
    event = EventFactory()
    registration = register(event)
    token = make_token(registration)
    assert find_registration(token=token) == registration
    with pytest.raises(LinkInvalid):
        read_token(token[:-2] + "xx")
    with pytest.raises(LinkExpired):
        read_token(token, now=(event.ends_at() + datetime.timedelta(days=400)).timestamp())
