"""A registration held until its address confirms it: the "check your e-mail" page and the e-mailed
confirmation page, whose button (a POST) makes the registration (``services/holds.py``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from secon.core.http import private
from secon.events import selectors
from secon.events.holds import HOLD_DAYS
from secon.events.services import holds
from secon.events.views.public import _personal_path
from secon.projects import selectors as project_selectors


def _context(current, found) -> dict:
    return {"project": current, "content_fallbacks": current.fallback_languages, "event": found}


@require_safe
def held(request: HttpRequest, project: str, event: str) -> HttpResponse:
    """Tell the visitor to confirm from the e-mail; the same page whoever owns the address."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_event(project=current, slug=event)
    context = {
        **_context(current, found),
        "days": HOLD_DAYS,
        "minutes": int(holds.RESEND_INTERVAL.total_seconds() // 60),
    }
    return private(render(request, "events/register_held.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_hold(request: HttpRequest, project: str, event: str, key: str) -> HttpResponse:
    """Show the event and a button; only the POST registers (mail scanners follow links)."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_event(project=current, slug=event)
    context = _context(current, found)
    status = 200
    if request.method == "POST":
        # Straight to the service (one lookup of the hold, under its lock): the page's data are
        # needed only when something stands in the way.
        try:
            registration = holds.confirm_held_registration(key=key, event=found)
        except holds.AlreadyRegistered as already:
            messages.info(request, _("You are registered for this event already: here is your registration."))
            return redirect(_personal_path(already.registration))
        except holds.HoldExpired:
            pass  # expired, used (in another tab a moment ago) or not this event's: said below
        except ValidationError as error:
            context["errors"] = error.messages
            status = 409
        else:
            messages.success(
                request, _("Thank you: your registration is confirmed. We have sent you an e-mail.")
            )
            return redirect(_personal_path(registration))
    try:
        hold = holds.find_hold(key=key, event=found)
    except holds.HoldExpired:
        hold = None
    if hold is None:
        problem = _(
            "This confirmation link has expired or has been used already. If you are not registered yet, "
            "register again."
        )
        context["problem"] = problem
        return private(render(request, "events/register_confirm.html", context, status=410))
    context.update(hold=hold, notice=holds.held_notice(hold))
    return private(render(request, "events/register_confirm.html", context, status=status))
