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
from secon.mail.forms import LiftForm
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
        {
            "project": current,
            "content_fallbacks": current.fallback_languages,
            "emails": emails,
            "suppressed": selectors.count_suppressions(project=current),
        },
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


def _suppressions_page(request: HttpRequest, current, *, failed=None, form=None, status: int = 200):
    suppressions = selectors.list_suppressions(project=current)
    for item in suppressions:
        item.lift_form = form if item.pk == failed else None
    response = render(
        request,
        "mail/suppressed.html",
        {
            "project": current,
            "content_fallbacks": current.fallback_languages,
            "suppressions": suppressions,
            "lifted": list(selectors.list_lifted_suppressions(project=current)),
        },
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def suppressed(request: HttpRequest, project: str) -> HttpResponse:
    """List the suppressed addresses the project has e-mailed, each with a form to lift it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    return _suppressions_page(request, _coordinator_project(request, project))


@require_POST
def lift(request: HttpRequest, project: str, suppression: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    current = _coordinator_project(request, project)
    found = selectors.get_suppression(project=current, pk=suppression)
    if found is None:
        raise Http404("No such suppressed address")
    form = LiftForm(request.POST)
    if form.is_valid():
        try:
            services.lift_suppression(
                actor=request.user, project=current, suppression=found, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("mail:suppressed", project=current.slug)
        else:
            messages.success(
                request,
                _("Mail may go to %(address)s again. The e-mails held back meanwhile stay unsent.")
                % {"address": found.address},
            )
            return redirect("mail:suppressed", project=current.slug)
    return _suppressions_page(request, current, failed=found.pk, form=form, status=400)
