"""Cache rendered public pages per language, invalidated exactly when their data change.

A page declares the *scopes* it depends on (``"site"``, ``"project:12"``). Each scope has a
version token in the cache; the page's cache key contains the tokens, so changing data only has to
replace the token of every scope it touches (:func:`touch`) and every page built on it is stale.
New tokens are random, so two processes touching the same scope at once cannot undo each other.
"""

import uuid
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation

VERSION_PREFIX = "secon:scope:"
PAGE_PREFIX = "secon:page:"


def _version_keys(scopes: Iterable[str]) -> list[str]:
    return [VERSION_PREFIX + scope for scope in scopes]


def touch(*scopes: str) -> None:
    """Mark the scopes as changed once the current transaction commits."""

    def replace_tokens():
        cache.set_many({key: uuid.uuid4().hex for key in _version_keys(scopes)}, timeout=None)

    transaction.on_commit(replace_tokens)


def _page_key(request: HttpRequest, scopes: list[str]) -> str:
    keys = _version_keys(scopes)
    tokens = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in tokens}
    if missing:
        # add() keeps a token another process has just set, so nobody serves a page built on
        # data older than its token.
        for key, token in missing.items():
            cache.add(key, token, timeout=None)
        tokens = cache.get_many(keys)
    version = "-".join(tokens.get(key, "x") for key in keys)
    return f"{PAGE_PREFIX}{translation.get_language()}:{request.get_full_path()}:{version}"


def cached_page(scopes: Callable[..., list[str]]):
    """Serve the view's response from the cache for anonymous GET requests.

    ``scopes(request, **kwargs)`` names what the page depends on; it must run no SQL query.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            key = _page_key(request, scopes(request, *args, **kwargs))
            stored = cache.get(key)
            if stored is not None:
                content, content_type = stored
                response = HttpResponse(content, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.cookies:
                cache.set(
                    key,
                    (response.content, response["Content-Type"]),
                    timeout=settings.PAGE_CACHE_SECONDS,
                )
            response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator
