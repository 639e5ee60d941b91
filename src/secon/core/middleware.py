from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from secon.core.validators import has_control_characters


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
