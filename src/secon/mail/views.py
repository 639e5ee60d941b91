"""The coordinators' page of e-mails that could not be sent, with "send again"."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from secon.mail import selectors, services
from secon.mail.models import Email
from secon.projects import selectors as project_selectors


def _coordinator_project(request: HttpRequest, slug: str):
    project = project_selectors.get_project(slug=slug)
    if not request.user.has_perm("mail.view_email", project):
        raise PermissionDenied
    return project


@require_http_methods(["GET", "HEAD"])
def undelivered(request: HttpRequest, project: str) -> HttpResponse:
    """List the project's e-mails that failed or are failing: recipient, error, attempts."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    current = _coordinator_project(request, project)
    emails = list(selectors.list_undelivered_emails(project=current))
    response = render(
        request,
        "mail/undelivered.html",
        {"project": current, "content_fallbacks": current.fallback_languages, "emails": emails},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def send_again(request: HttpRequest, project: str, email: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    current = _coordinator_project(request, project)
    found = Email.objects.filter(project=current, pk=email).first()
    if found is None:
        raise Http404("No such e-mail")
    try:
        services.send_again(actor=request.user, email=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The e-mail to %(recipient)s is queued again.") % {"recipient": found.recipient}
        )
    return redirect("mail:undelivered", project=current.slug)


@require_POST
def send_all_again(request: HttpRequest, project: str) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    current = _coordinator_project(request, project)
    count = 0
    for found in selectors.list_undelivered_emails(project=current):
        try:
            services.send_again(actor=request.user, email=found)
        except ValidationError:
            continue
        count += 1
    messages.success(
        request,
        ngettext("%(count)d e-mail is queued again.", "%(count)d e-mails are queued again.", count)
        % {"count": count},
    )
    return redirect("mail:undelivered", project=current.slug)
