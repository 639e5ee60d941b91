import contextlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from secon.core.cache import HEADER, _conditional, _mark_public, _page_key, is_enabled
from secon.core.page_store import ROUTES, ROUTES_LIMIT, Route, anonymous_candidate, read_page
from secon.core.validators import has_control_characters

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy: our own scripts and styles only, map tiles allowed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy(request)
        return response

    def policy(self, request) -> str:
        tiles = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
        tile_origin = f"{tiles.scheme}://{tiles.netloc}" if tiles.netloc else ""
        # The Django admin still uses inline style attributes; the public site uses none.
        style = "'self' 'unsafe-inline'" if request.path.startswith("/admin/") else "'self'"
        return "; ".join(
            [
                "default-src 'self'",
                f"img-src 'self' data: {tile_origin}".strip(),
                "script-src 'self'",
                f"style-src {style}",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )


class RefuseControlCharactersMiddleware:
    """Answer 400 to a request whose address, query parameters or form fields hold NUL or other
    control characters (tab and line breaks excepted).

    No form or filter of the site accepts them, PostgreSQL cannot store NUL in text, and nobody types
    them: refusing them here, once, keeps every view, filter and export from meeting them. Uploaded
    files are not inspected (their content is checked by their own validators).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_control_characters(request):
            return bad_request(
                request,
                _(
                    "The address or the form contains invisible control characters (such as NUL), "
                    "which no page of this site accepts. Remove them and try again."
                ),
            )
        return self.get_response(request)

    @staticmethod
    def _has_control_characters(request) -> bool:
        if has_control_characters(request.path_info):
            return True
        sources = [request.GET]
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            sources.append(request.POST)
        return any(
            has_control_characters(key) or any(has_control_characters(value) for value in values)
            for source in sources
            for key, values in source.lists()
        )


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def wants_problem_details(request) -> bool:
    """Tell whether the address is one of a machine interface (``settings.PROBLEM_DETAILS_PATHS``),
    whose errors are RFC 9457 problem documents rather than pages."""
    return request.path_info.startswith(tuple(getattr(settings, "PROBLEM_DETAILS_PATHS", ())))


def problem_response(status: int, title: str, detail: str) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": str(detail)}
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, message: str) -> HttpResponse:
    """Render the 400 page with a message saying what was wrong."""
    if wants_problem_details(request):
        return problem_response(400, "Bad Request", message)
    response = render(request, "400.html", {"message": message}, status=400)
    response["Cache-Control"] = "no-store"
    return response


class RequestBodyLimitMiddleware:
    """Answer 413 to a request whose body is larger than ``MAX_REQUEST_BYTES``, before it is read.

    The declared length is checked, so a 200 MB upload is refused from its headers: nothing is
    spooled to memory or disk. (Django reads no more than the declared length, and nothing of a body
    sent without one.) Django's own DATA_UPLOAD_MAX_MEMORY_SIZE bounds the form fields besides.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length < 0:
            return bad_request(request, _("The request declares a negative length."))
        if length > limit:
            return too_large(request, length, limit)
        return self.get_response(request)


def too_large(request, length: int, limit: int) -> HttpResponse:
    """Render the 413 page in the language of the address (the locale middleware has not run yet)."""
    from django.template.defaultfilters import filesizeformat
    from django.utils import translation

    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    if wants_problem_details(request):
        response = problem_response(
            413, "Content Too Large", f"The body ({length} bytes) is larger than the limit ({limit} bytes)."
        )
        response["Connection"] = "close"
        return response
    with translation.override(language):
        response = render(
            request,
            "413.html",
            {"size": filesizeformat(length), "limit": filesizeformat(limit)},
            status=413,
        )
    response["Cache-Control"] = "no-store"
    # The body was not read: the connection cannot carry another request.
    response["Connection"] = "close"
    return response


class BusyDatabaseMiddleware:
    """Answer 503 with ``Retry-After`` when the database stayed locked past its busy timeout.

    On SQLite one writer at a time holds the database; under a burst (200 sign-ups at once on a
    busy machine) a writer can wait past the timeout and get "database is locked". The view's
    transaction has rolled back by then, so nothing was saved: the visitor is told to send the
    form again in a moment rather than shown a server error. Any other database error stays a 500.
    """

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (isinstance(exception, OperationalError) and "locked" in str(exception).lower()):
            return None
        logger.warning("database busy, answered 503: %s %s", request.method, request.path_info)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False):
            # A form bound to the account (the profile) changed it in memory before the write
            # failed: the page says nothing was saved, so its header must not show the new name.
            with contextlib.suppress(DatabaseError):
                user.refresh_from_db()
        if wants_problem_details(request):
            response = problem_response(
                503, "Service Unavailable", _("The site is busy. Nothing was saved: try again in a moment.")
            )
        else:
            response = render(request, "503.html", status=503)
            response["Cache-Control"] = "no-store"
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response


#: Headers a hit does not take from the route: made per answer, or per page.
_ROUTE_UNCOPIED = {"set-cookie", HEADER.lower(), "etag", "last-modified", "cache-control", "content-length"}


class PageCacheMiddleware:
    """Serve a hit of a cached page before the session, language, authentication and other middleware.

    Placed right after the static files: for a GET or HEAD of an address this process has served
    from the page cache before (or stored in it), from a visitor who cannot be signed in (no session
    cookie, no pending message, no ``Authorization``), the page's key is computed from what the
    first answer noted (scopes, parameters, daily) and the language of the address, and if the page
    is stored under it (so nothing it shows changed), it is answered at once, with the headers the
    rest of the stack added to that first answer, its ETag and Last-Modified (304 when the visitor's
    copy is current) and ``Cache-Control``. Anything else — a miss, a page not stored, another
    visitor — goes through the whole stack, where :func:`cached_page` decides as before. The host is
    still checked against ``ALLOWED_HOSTS``; the middleware before this one (security headers,
    Content-Security-Policy, request size) applies to every answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        route_key = None
        if request.method in ("GET", "HEAD") and is_enabled() and anonymous_candidate(request):
            language = get_language_from_path(request.path_info)
            if language:
                route_key = (language, request.path, request.META.get("QUERY_STRING", ""))
                route = ROUTES.get(route_key)
                if route is not None:
                    response = self._hit(request, route, language)
                    if response is not None:
                        return response
        response = self.get_response(request)
        if route_key is not None:
            self._learn(request, response, route_key)
        return response

    def _hit(self, request: HttpRequest, route: Route, language: str) -> HttpResponse | None:
        request.get_host()  # refuses a host outside ALLOWED_HOSTS, as CommonMiddleware would
        try:
            page = _page_key(request, route.scopes, params=route.params, daily=route.daily, language=language)
            stored = read_page(page.key)
        except Exception:
            logger.exception("page cache unavailable; passing %s on", request.path)
            return None
        if stored is None:
            return None
        if isinstance(stored, bytes):
            response = HttpResponse(stored)
        else:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
        for name, value in route.headers:
            response[name] = value
        response[HEADER] = "hit"
        _mark_public(response, page)
        return _conditional(request, response)

    @staticmethod
    def _learn(request: HttpRequest, response: HttpResponse, route_key: tuple[str, str, str]) -> None:
        noted = getattr(request, "_secon_page_route", None)
        if (
            noted is None
            or response.get(HEADER) not in ("hit", "miss")
            or response.status_code != 200
            or response.cookies
            or "public" not in response.get("Cache-Control", "")
        ):
            return
        headers = tuple(
            (name, value) for name, value in response.items() if name.lower() not in _ROUTE_UNCOPIED
        )
        if len(ROUTES) >= ROUTES_LIMIT:
            ROUTES.clear()
        ROUTES[route_key] = Route(*noted, headers)
