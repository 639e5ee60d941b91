"""Signing in to the staff side is limited: five failures for an account from one address, then wait."""

import time

import pytest

from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from secon.accounts import throttle
from tests.accounts.world import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


@pytest.fixture
def staff():
    return UserFactory(email="staff@example.org", is_staff=True)


def _sign_in(client, password, *, address="203.0.113.7", email="staff@example.org", **headers):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address, **headers)


def test_five_failures_block_the_account_from_that_address(client, staff):
    for _attempt in range(throttle.MAX_FAILURES):
        response = _sign_in(client, "wrong password")
        assert response.status_code == 200
        assert "Too many failed" not in response.content.decode()
    response = _sign_in(client, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed sign-in attempts. Please wait 15 minutes" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_other_addresses_and_accounts_are_not_blocked(client, staff):
    UserFactory(email="other@example.org", is_staff=True)
    for _attempt in range(throttle.MAX_FAILURES):
        _sign_in(client, "wrong password")
    response = _sign_in(client, PASSWORD, email="other@example.org")
    assert response.status_code == 302
    client.logout()
    response = _sign_in(client, PASSWORD, address="198.51.100.1")
    assert response.status_code == 302


def test_case_of_the_email_does_not_bypass_the_limit(client, staff):
    for attempt in range(throttle.MAX_FAILURES):
        _sign_in(client, "wrong password", email="STAFF@example.org" if attempt % 2 else "staff@example.org")
    response = _sign_in(client, PASSWORD, email="Staff@Example.org")
    assert "Too many failed" in response.content.decode()


def test_a_success_forgets_earlier_failures(client, staff):
    for _attempt in range(throttle.MAX_FAILURES - 1):
        _sign_in(client, "wrong password")
    assert _sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(throttle.MAX_FAILURES - 1):
        _sign_in(client, "wrong password")
    assert _sign_in(client, PASSWORD).status_code == 302


def test_the_wait_ends_with_the_window(client, staff, monkeypatch):
    for _attempt in range(throttle.MAX_FAILURES):
        _sign_in(client, "wrong password")
    assert "Too many failed" in _sign_in(client, PASSWORD).content.decode()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + throttle.WINDOW_SECONDS - 60)
    assert "Please wait 1 minute and" in _sign_in(client, PASSWORD).content.decode()
    monkeypatch.setattr(time, "time", lambda: real_time() + throttle.WINDOW_SECONDS + 1)
    assert _sign_in(client, PASSWORD).status_code == 302


def test_the_message_is_in_the_users_language(client, staff, settings):
    settings.LANGUAGE_CODE = "en"
    for _attempt in range(throttle.MAX_FAILURES):
        _sign_in(client, "wrong password")
    response = _sign_in(client, PASSWORD, HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert 'class="errornote"' in html
