"""Small helpers for responses."""

from django.http import HttpResponse


def private(response: HttpResponse) -> HttpResponse:
    """Mark a personal page: never cached on the way, never indexed by search engines."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
