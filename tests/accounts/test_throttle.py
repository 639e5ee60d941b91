"""Signing in is throttled: five failures for an account from one address, then wait 15 minutes.

The counts are kept in the database by django-axes (a cache eviction or restart forgets nothing),
wrong two-factor codes count like wrong passwords, and behind a proxy only the hops our proxies
added to X-Forwarded-For are believed.
"""

import datetime

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from secon.accounts import network
from secon.accounts.services import create_user
from secon.accounts.twofactor import current_code
from tests.accounts.world import PASSWORD, enable_two_factor

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def person():
    return create_user(actor=None, email="staff@example.org", password=PASSWORD)


def _sign_in(client, password, *, address="203.0.113.7", email="staff@example.org", **extra):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address, **extra
    )


def _fail(client, times, **kwargs):
    return [_sign_in(client, "wrong password", **kwargs) for _attempt in range(times)]


def test_five_failures_block_the_account_from_that_address(client, person):
    responses = _fail(client, LIMIT - 1)
    assert all(r.status_code == 200 and "Too many failed" not in r.content.decode() for r in responses)
    fifth = _sign_in(client, "wrong password")
    assert fifth.status_code == 429
    assert "Too many failed sign-in attempts. Please wait 15 minutes" in fifth.content.decode()
    # Even the right password is refused now, and nobody is signed in.
    response = _sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_count_survives_an_emptied_cache(client, person):
    _fail(client, LIMIT)
    cache.clear()  # eviction, a restart of Redis, another app server: the database still knows
    assert _sign_in(client, PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().failures_since_start == LIMIT


def test_other_addresses_and_accounts_are_not_blocked(client, person):
    create_user(actor=None, email="other@example.org", password=PASSWORD)
    _fail(client, LIMIT)
    assert _sign_in(client, PASSWORD, email="other@example.org").status_code == 302
    client.logout()
    assert _sign_in(client, PASSWORD, address="198.51.100.1").status_code == 302


def test_case_of_the_email_does_not_bypass_the_limit(client, person):
    for attempt in range(LIMIT):
        _sign_in(client, "wrong", email="STAFF@example.org" if attempt % 2 else " staff@example.org")
    assert _sign_in(client, PASSWORD, email="Staff@Example.org").status_code == 429


def test_a_success_forgets_earlier_failures(client, person):
    _fail(client, LIMIT - 1)
    assert _sign_in(client, PASSWORD).status_code == 302
    client.logout()
    _fail(client, LIMIT - 1)
    assert _sign_in(client, PASSWORD).status_code == 302


def test_the_wait_ends_fifteen_minutes_after_the_last_failure(client, person):
    _fail(client, LIMIT)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=14)
    )
    assert "Please wait 1 minute and" in _sign_in(client, PASSWORD).content.decode()
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert _sign_in(client, PASSWORD).status_code == 302


def test_the_message_is_in_the_visitors_language(client, person):
    _fail(client, LIMIT)
    response = client.post(
        reverse("account_login").replace("/en/", "/de/"),
        {"login": "staff@example.org", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="de"' in html
    assert "Bitte warten Sie 15 Minuten" in html


def test_wrong_two_factor_codes_count_like_wrong_passwords(client, person):
    secret = enable_two_factor(person)
    assert _sign_in(client, PASSWORD).url == reverse("mfa_authenticate")
    good = current_code(secret)
    wrong = f"{(int(good) + 1) % 1000000:06d}"
    for _attempt in range(LIMIT - 1):
        response = client.post(reverse("mfa_authenticate"), {"code": wrong}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
        assert "Incorrect code." in response.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": wrong}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    response = client.post(reverse("mfa_authenticate"), {"code": good}, REMOTE_ADDR="203.0.113.7")
    assert SESSION_KEY not in client.session
    # A new sign-in from there is refused as well, until the wait is over.
    client.cookies.clear()
    assert _sign_in(client, PASSWORD).status_code == 429


class TestBehindAProxy:
    def test_without_trusted_proxies_the_header_is_ignored(self, client, person, settings):
        settings.TRUSTED_PROXIES = ()
        for attempt in range(LIMIT):
            _sign_in(client, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
        assert _sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429

    def test_behind_a_trusted_proxy_each_client_counts_alone(self, client, person, settings):
        settings.TRUSTED_PROXIES = (network.ipaddress.ip_network("10.0.0.0/8"),)
        _fail(client, LIMIT, address="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.1")
        assert AccessAttempt.objects.get().ip_address == "192.0.2.1"
        response = _sign_in(client, PASSWORD, address="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.2")
        assert response.status_code == 302

    def test_a_forged_first_hop_does_not_help(self, client, person, settings):
        settings.TRUSTED_PROXIES = (network.ipaddress.ip_network("10.0.0.0/8"),)
        for attempt in range(LIMIT):
            # The client writes its own X-Forwarded-For; the proxy appends the real address.
            _sign_in(client, "wrong", address="10.0.0.5", HTTP_X_FORWARDED_FOR=f"1.2.3.{attempt}, 192.0.2.1")
        response = _sign_in(client, PASSWORD, address="10.0.0.5", HTTP_X_FORWARDED_FOR="9.9.9.9, 192.0.2.1")
        assert response.status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.7", "", [], "203.0.113.7"),
        ("203.0.113.7", "192.0.2.1", [], "203.0.113.7"),
        ("10.0.0.5", "192.0.2.1", ["10.0.0.0/8"], "192.0.2.1"),
        ("10.0.0.5", "192.0.2.1, 10.0.0.9", ["10.0.0.0/8"], "192.0.2.1"),
        ("10.0.0.5", "6.6.6.6, 192.0.2.1", ["10.0.0.0/8"], "192.0.2.1"),
        ("10.0.0.5", "garbage", ["10.0.0.0/8"], "10.0.0.5"),
        ("203.0.113.7", "192.0.2.1", ["10.0.0.0/8"], "203.0.113.7"),
        ("::1", "2001:db8::7", ["::1"], "2001:db8::7"),
        ("10.0.0.5", "[2001:db8::7]:443", ["10.0.0.0/8"], "2001:db8::7"),
        ("", "", [], ""),
    ],
)
def test_the_client_address(rf, settings, remote, forwarded, trusted, expected):
    settings.TRUSTED_PROXIES = tuple(network.ipaddress.ip_network(item) for item in trusted)
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert network.client_address(request) == expected
