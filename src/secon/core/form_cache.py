"""Serve a public form page from the page cache, each visitor getting their own CSRF token.

A form page cannot go through :func:`secon.core.cache.cached_page`: it holds the visitor's CSRF
token and sets its cookie. Yet for an anonymous visitor nothing else on it is personal, and under a
burst (200 people opening the registration form at once) rendering it again for each of them is
most of the server's work. So the page is rendered once with a placeholder where the token goes
(the view's context overrides the ``csrf`` context processor), stored under the same key as any
cached page (language, path, query, scope tokens, plus what the view adds), and every answer,
stored or fresh, gets the visitor's own token written in — which also sets their CSRF cookie, as
rendering the token would.

Only anonymous GET and HEAD requests without a session or pending messages are cached (a message
or a signed-in user's data would end up in everyone's page), only 200 answers are stored, and the
answer is always ``private`` (it holds a token). ``X-Page-Cache`` says ``hit``, ``miss`` or ``off``.
"""

import hashlib
import logging
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from secon.core.cache import HEADER, is_enabled, page_key
from secon.core.http import private

logger = logging.getLogger(__name__)

#: Put in the context as ``csrf_token`` when rendering a page to store; replaced in every answer.
CSRF_PLACEHOLDER = "secon-csrf-placeholder-3f9c2a"
_PREFIX = "secon:form:"
#: The cookie of django.contrib.messages' cookie storage (a message waits for this visitor).
_MESSAGES_COOKIE = "messages"


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or not is_enabled() or request.user.is_authenticated:
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and _MESSAGES_COOKIE not in request.COOKIES


def _with_token(request: HttpRequest, content: bytes, status: int, headers: list) -> HttpResponse:
    response = HttpResponse(
        content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode()), status=status
    )
    for name, value in headers:
        response[name] = value
    return private(response)


def cached_form_page(
    request: HttpRequest,
    scopes: Sequence[str],
    render_page: Callable[[dict], HttpResponse],
    *,
    variant: str = "",
) -> HttpResponse:
    """Answer with ``render_page(extra_context)``, from the cache for anonymous GET and HEAD requests.

    ``render_page`` must put ``extra_context`` into its template's context. ``scopes`` name what the
    page shows (see :mod:`secon.core.cache`); ``variant`` adds what else it depends on that no scope
    covers (e.g. "registration is closed now", which changes with the clock).
    """
    if not _cacheable(request):
        response = render_page({})
        response[HEADER] = "off"
        return response
    try:
        key = _PREFIX + page_key(request, scopes) + ":" + hashlib.sha256(variant.encode()).hexdigest()[:16]
        stored = cache.get(key)
    except Exception:
        logger.exception("page cache unavailable; rendering %s", request.path)
        key, stored = None, None
    if stored is not None:
        response = _with_token(request, *stored)
        response[HEADER] = "hit"
        return response
    response = render_page({"csrf_token": CSRF_PLACEHOLDER})
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in ("set-cookie", HEADER.lower(), "cache-control")
    ]
    stored = (response.content, response.status_code, headers)
    if key is not None and response.status_code == 200 and not response.cookies:
        try:
            cache.set(key, stored, timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("could not store %s in the page cache", request.path)
    answer = _with_token(request, *stored)
    answer[HEADER] = "miss"
    return answer
