"""A confirmation step before a destructive action, without JavaScript.

The page's form posts its action as usual; the view asks ``confirmed(request)`` and, when the person has
not confirmed yet, answers with ``confirmation_page``: a page that says what will happen and posts the same
fields again with ``confirmed=yes``. Nothing changes until that second POST.
"""

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from secon.core.http import private

CONFIRM_FIELD = "confirmed"


def confirmed(request: HttpRequest) -> bool:
    """The person has answered "yes" on the confirmation page."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes"


def confirmation_page(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    confirm_label: str,
    back_url: str,
    details: Iterable[str] = (),
    action_url: str | None = None,
    context: dict | None = None,
) -> HttpResponse:
    """Ask before doing: repeat the posted fields (but the CSRF token) with ``confirmed=yes``."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
        for value in values
    ]
    values = {
        "title": title,
        "question": question,
        "details": list(details),
        "confirm_label": confirm_label,
        "back_url": back_url,
        "action_url": action_url or request.get_full_path(),
        "fields": fields,
        "confirm_field": CONFIRM_FIELD,
        **(context or {}),
    }
    return private(render(request, "core/confirm.html", values))
