"""Limit failed sign-ins per account and address, in the cache (shared by every app server)."""

import hashlib
import time

from django.core.cache import cache

#: At most this many failed sign-ins …
MAX_FAILURES = 5
#: … within this many seconds for one account from one address; then wait until the window ends.
WINDOW_SECONDS = 15 * 60

_PREFIX = "secon:login-failures:"


def client_address(request) -> str:
    """Return the address the request came from (the proxy sets REMOTE_ADDR in production)."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{(username or '').strip().lower()}|{address}".encode()).hexdigest()
    return _PREFIX + digest


def seconds_blocked(*, username: str, address: str) -> int:
    """Return how long sign-ins for this account from this address stay refused (0: allowed)."""
    key = _key(username, address)
    values = cache.get_many([key, key + ":since"])
    if values.get(key, 0) < MAX_FAILURES:
        return 0
    since = values.get(key + ":since", time.time())
    return max(1, int(since + WINDOW_SECONDS - time.time()))


def record_failure(*, username: str, address: str) -> None:
    """Count a failed sign-in; the window starts with the first failure."""
    key = _key(username, address)
    cache.add(key + ":since", time.time(), timeout=WINDOW_SECONDS)
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=WINDOW_SECONDS)


def reset(*, username: str, address: str) -> None:
    """Forget the failures after a successful sign-in."""
    key = _key(username, address)
    cache.delete_many([key, key + ":since"])
