"""Tokens: created with a shown-once key stored hashed, bounded in time, scoped, revoked at once."""

import datetime
import hashlib

import pytest
from freezegun import freeze_time

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from secon.api.models import Token
from secon.api.services import tokens
from secon.core.models import AuditEntry
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db


def test_the_key_is_shown_once_and_stored_only_as_its_sha256(world):
    token, key = make_token(world.users["viewer"], scopes=["practices:read"])
    assert key.startswith(token.prefix + "_") and token.prefix.startswith("secon_")
    stored = Token.objects.get()
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(Token.objects.values().get())
    assert stored.scopes == ["practices:read"]
    entry = AuditEntry.objects.get(model="api.token")
    assert entry.action == "create" and key not in str(entry.changes)


def test_a_token_expires_within_a_year_at_the_end_of_its_day(world):
    today = timezone.localdate()
    user = world.users["viewer"]
    for days, message in [(0, "after today"), (366, "at most a year"), (-3, "after today")]:
        with pytest.raises(ValidationError) as error:
            make_token(user, days=days)
        assert message in str(error.value.message_dict["expires_on"])
    token, _key = make_token(user, days=365)
    assert timezone.localtime(token.expires_at).date() == today + datetime.timedelta(days=366)
    with pytest.raises(ValidationError) as error:
        tokens.create_token(actor=user, name="x", kind="personal", scopes=["practices:read"], expires_on=None)
    assert "expires_on" in error.value.message_dict


def test_bad_names_scopes_and_limits_are_refused_on_their_field(world):
    user = world.users["editor"]
    for values, field in [
        ({"name": "  "}, "name"),
        ({"scopes": []}, "scopes"),
        ({"scopes": ["practices:delete"]}, "scopes"),
        ({"project": world.projects["b"]}, "project"),
        ({"project": world.projects["a"], "partner": world.partners["b1"]}, "partner"),
    ]:
        arguments = {
            "actor": user,
            "name": "n",
            "kind": "personal",
            "scopes": ["practices:read"],
            "expires_on": timezone.localdate() + datetime.timedelta(days=5),
            **values,
        }
        with pytest.raises(ValidationError) as error:
            tokens.create_token(**arguments)
        assert field in error.value.message_dict
    assert not Token.objects.exists()


def test_a_partner_limit_implies_its_project(world):
    token, _key = make_token(world.users["editor"], partner=world.partners["a2"])
    assert token.project == world.projects["a"] and token.partner == world.partners["a2"]


def test_authenticate_refuses_unknown_revoked_and_expired_keys_and_notes_use_once_a_minute(world):
    token, key = make_token(world.users["viewer"], days=2)
    with pytest.raises(PermissionDenied):
        tokens.authenticate(key=key + "x")
    found = tokens.authenticate(key=key)
    assert found.pk == token.pk and found.last_used_at is not None
    first = found.last_used_at
    with freeze_time(first + datetime.timedelta(seconds=30)):
        assert tokens.authenticate(key=key).last_used_at == first
    with freeze_time(first + datetime.timedelta(seconds=61)):
        assert tokens.authenticate(key=key).last_used_at > first
    with (
        freeze_time(timezone.now() + datetime.timedelta(days=3)),
        pytest.raises(PermissionDenied, match="expired"),
    ):
        tokens.authenticate(key=key)
    tokens.revoke_token(actor=world.users["viewer"], token=token)
    with pytest.raises(PermissionDenied, match="revoked"):
        tokens.authenticate(key=key)


def test_only_the_owner_or_an_administrator_revokes(world):
    token, _key = make_token(world.users["viewer"])
    with pytest.raises(PermissionDenied):
        tokens.revoke_token(actor=world.users["editor"], token=token)
    tokens.revoke_token(actor=world.users["superuser"], token=token)
    assert Token.objects.get().revoked_at is not None
    assert AuditEntry.objects.filter(model="api.token", action="update").count() == 1


def test_a_disabled_account_s_token_does_not_work(world):
    user = world.users["viewer"]
    _token, key = make_token(user)
    user.is_active = False
    user.save()
    with pytest.raises(PermissionDenied, match="disabled"):
        tokens.authenticate(key=key)
