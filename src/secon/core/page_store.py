"""What the page cache keeps in each server process: pages by key and the addresses it has served.

:func:`secon.core.cache.cached_page` reads and writes pages through :func:`read_page` and
:func:`write_page` (this process's copy first, then the shared cache) and notes with
:func:`learn_route` what :class:`secon.core.middleware.PageCacheMiddleware` needs to answer the
next hits of an address before the rest of the middleware.
"""

import threading
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def anonymous_candidate(request: HttpRequest) -> bool:
    """Tell whether nobody can be signed in and no message waits: no session, message or token."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and _MESSAGES_COOKIE not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


#: The cookie of django.contrib.messages' cookie storage (a message waits for this visitor).
_MESSAGES_COOKIE = "messages"


class Route:
    """What a cached address needs for a hit served before the other middleware (see
    :class:`secon.core.middleware.PageCacheMiddleware`): its scopes, parameters, whether it is
    daily, and the headers the middleware after it added to a hit (``Vary``, ``Content-Language``…)."""

    __slots__ = ("daily", "headers", "params", "scopes")

    def __init__(self, scopes, params, daily, headers):
        self.scopes = scopes
        self.params = params
        self.daily = daily
        self.headers = headers


#: {(language, path, query string): _Route}, per process; learnt from hits and misses.
ROUTES: dict[tuple[str, str, str], Route] = {}
ROUTES_LIMIT = 10_000


class _LocalPages:
    """The pages this process served lately, by key, up to ``limit`` bytes (the oldest go first).

    A key names the page's scope tokens, so what is stored under it never changes; an entry is kept
    no longer than the shared cache keeps the page (``SECON_PAGE_CACHE_SECONDS``, at most a minute),
    so emptying the shared cache empties these within a minute.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self.entries: dict[str, tuple[float, object, int]] = {}
        self.lock = threading.Lock()

    def get(self, key: str):
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            self.discard(key)
            return None
        return entry[1]

    def put(self, key: str, value, size: int) -> None:
        if size > self.limit // 8:
            return
        expires = time.monotonic() + min(settings.PAGE_CACHE_SECONDS, 60)
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= old[2]
            while self.entries and self.size + size > self.limit:
                self.size -= self.entries.pop(next(iter(self.entries)))[2]
            self.entries[key] = (expires, value, size)
            self.size += size

    def discard(self, key: str) -> None:
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= old[2]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


_LOCAL = _LocalPages(32 * 1024 * 1024)


def _stored_size(stored) -> int:
    if isinstance(stored, bytes):
        return len(stored)
    content, headers = stored
    return len(content) + 64 * len(headers)


def read_page(key: str):
    """Return the page stored under ``key`` (this process's copy first), or None."""
    stored = _LOCAL.get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            _LOCAL.put(key, stored, _stored_size(stored))
    return stored


def write_page(key: str, stored) -> None:
    cache.set(key, stored, timeout=settings.PAGE_CACHE_SECONDS)
    _LOCAL.put(key, stored, _stored_size(stored))


def learn_route(request: HttpRequest, scopes: Sequence[str], params, daily: bool) -> None:
    """Note on the request what :class:`secon.core.middleware.PageCacheMiddleware` needs to serve
    the address's next hits."""
    if anonymous_candidate(request):
        request._secon_page_route = (tuple(scopes), params, daily)


def forget_routes() -> None:
    """Forget the addresses learnt and the pages kept in this process (tests, a cleared cache)."""
    ROUTES.clear()
    _LOCAL.clear()
