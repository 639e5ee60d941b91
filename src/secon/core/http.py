"""Small helpers for responses."""

from django.http import HttpResponse


def download(content, *, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    """Answer with a file made for the request: shown in the browser (``inline``) or saved as ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def private(response: HttpResponse) -> HttpResponse:
    """Mark a personal page: never cached on the way, never indexed by search engines."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
