"""The sign-in throttle: django-axes counts failures per account and address, in the database.

Five failed sign-ins (wrong password, or wrong two-factor code) for one account from one client
address within the cool-off period lock that account out *from that address* for 15 minutes after
the last failure; other addresses and other accounts are not affected, and a successful sign-in
forgets the failures. The counts live in the database (``axes_accessattempt``), so neither a full
cache nor a restart forgets them, and the address is the one :mod:`secon.accounts.network` believes
behind the configured proxies. This module holds what axes asks us for: how to read the account from
a request, and the page a locked-out person sees.
"""

import math

from axes.helpers import get_cool_off
from axes.models import AccessAttempt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

from secon.accounts.network import client_address


def normalise(login: str | None) -> str:
    """Return the account name as counted: the e-mail address, trimmed and in lower case."""
    return (login or "").strip().lower()


def username_of(request: HttpRequest | None, credentials: dict | None) -> str:
    """Return the account an attempt is for (axes' ``AXES_USERNAME_CALLABLE``)."""
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        if credentials.get(key):
            return normalise(credentials[key])
    if request is not None and request.method == "POST":
        return normalise(request.POST.get(settings.AXES_USERNAME_FORM_FIELD))
    return ""


def seconds_blocked(*, username: str, address: str) -> int:
    """Return how long sign-ins for this account from this address stay refused (0: allowed)."""
    attempts = AccessAttempt.objects.filter(username=normalise(username), ip_address=address)
    failures = sum(attempts.values_list("failures_since_start", flat=True))
    if failures < settings.AXES_FAILURE_LIMIT:
        return 0
    last = max(attempts.values_list("attempt_time", flat=True))
    remaining = (last + get_cool_off() - timezone.now()).total_seconds()
    return max(0, math.ceil(remaining))


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed sign-in attempts. Please wait %(minutes)d minute and try again.",
        "Too many failed sign-in attempts. Please wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page shown instead of signing in while locked out (axes' ``AXES_LOCKOUT_CALLABLE``)."""
    username = username_of(request, credentials)
    wait = seconds_blocked(username=username, address=client_address(request))
    wait = wait or int(get_cool_off().total_seconds())
    return render(
        request,
        "account/locked_out.html",
        {"message": lockout_message(wait)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
