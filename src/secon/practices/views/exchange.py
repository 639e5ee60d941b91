"""Good practices between installations: the public JSON-LD feed, and the coordinators' page of the
feeds a project follows (subscribe, synchronise now, stop following)."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from secon.core.forms import add_service_errors
from secon.practices.exchange import sync, tasks
from secon.practices.exchange.feed import MAX_PAGE_SIZE, PAGE_SIZE, feed_page
from secon.practices.exchange.models import FeedSubscription
from secon.projects.views import project_view

MAX_PAGE = 10**6


def _problem(detail: str, field: str) -> JsonResponse:
    return JsonResponse(
        {"title": _("Bad request"), "status": 400, "detail": detail, "field": field},
        status=400,
        content_type="application/problem+json",
    )


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    """This installation's approved practices as JSON-LD, ``?page=``, ``?size=``, ``?updated_since=``."""
    try:
        page = int(request.GET.get("page", "1"))
        size = int(request.GET.get("size", str(PAGE_SIZE)))
    except ValueError:
        return _problem(_("page and size are whole numbers."), "page")
    if not 1 <= page <= MAX_PAGE:
        return _problem(_("page is between 1 and %(max)d.") % {"max": MAX_PAGE}, "page")
    if not 1 <= size <= MAX_PAGE_SIZE:
        return _problem(_("size is between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, "size")
    since = None
    if request.GET.get("updated_since"):
        try:
            since = datetime.datetime.fromisoformat(request.GET["updated_since"].replace(" ", "+"))
        except ValueError:
            return _problem(
                _("updated_since is a date and time such as 2026-12-01T08:00:00+00:00."), "updated_since"
            )
        if timezone.is_naive(since):
            since = since.replace(tzinfo=datetime.UTC)
    base = request.build_absolute_uri("/").rstrip("/")
    data = feed_page(base=base, path=request.path, page=page, size=size, updated_since=since)
    response = JsonResponse(
        data, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


class SubscribeForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Address of the feed"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy(
            "Another SECON Hub's feed, e.g. https://hub.example.org/en/practices/feed.jsonld"
        ),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("accounts.manage_members")
def feeds(request: HttpRequest, project) -> HttpResponse:
    current = project
    action = request.POST.get("action", "")
    form = SubscribeForm(request.POST if action == "subscribe" else None)
    status = 200
    if action == "subscribe" and form.is_valid():
        try:
            subscription = sync.subscribe(actor=request.user, project=current, url=form.cleaned_data["url"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            tasks.sync_feed.enqueue(subscription_id=subscription.pk)
            messages.success(request, _("The feed is followed; its practices arrive in a moment."))
            return redirect("practices:feeds", project=current.slug)
    if action in ("sync", "unsubscribe"):
        subscription = get_object_or_404(
            FeedSubscription, project=current, pk=request.POST.get("subscription")
        )
        if action == "sync":
            tasks.sync_feed.enqueue(subscription_id=subscription.pk)
            messages.success(request, _("The feed will be read again in a moment."))
        else:
            sync.unsubscribe(actor=request.user, subscription=subscription)
            messages.success(request, _("The feed is no longer followed; its practices left the library."))
        return redirect("practices:feeds", project=current.slug)
    if form.errors:
        status = 400
    subscriptions = FeedSubscription.objects.filter(project=current).annotate(count=Count("copies"))
    response = render(
        request,
        "practices/feeds.html",
        {"project": current, "form": form, "subscriptions": subscriptions.order_by("name", "url")},
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response
