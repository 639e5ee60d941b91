"""The newsletter's pages: subscribe, confirm (the e-mailed link opens a page; only its button confirms),
unsubscribe (a page in the subscriber's language, and the mail client's one-click POST), and the
staff's newsletters with start, pause, resume and cancel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from secon.communications import links, selectors
from secon.communications.forms.newsletter import CampaignForm, SubscribeForm
from secon.communications.models import Article, Campaign, Delivery, Subscriber
from secon.communications.services import newsletter
from secon.communications.views.common import _context
from secon.core.forms import add_service_errors, submit
from secon.core.http import private
from secon.organisations import selectors as organisation_selectors
from secon.projects import selectors as project_selectors
from secon.projects.views import project_view


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest, project: str) -> HttpResponse:
    """Ask for the newsletter; the same answer whether the address is new or known."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    language = request.POST.get("language") or translation.get_language()
    form = SubscribeForm(
        request.POST or None,
        project=current,
        consent_text=newsletter.consent_text(
            current, language if language in current.content_languages else "en"
        ),
        language=translation.get_language(),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                newsletter.subscribe(project=current, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                context = {"project": current, "email": form.cleaned_data["email"]}
                return private(render(request, "communications/newsletter/check_inbox.html", context))
        status = 400
    return private(
        render(
            request,
            "communications/newsletter/subscribe.html",
            {
                "project": current,
                "form": form,
                "notice": organisation_selectors.current_notice(project=current),
            },
            status=status,
        )
    )


def _problem(request, current, kind: str, status: int) -> HttpResponse:
    return private(
        render(
            request,
            "communications/newsletter/link_problem.html",
            {"project": current, "kind": kind},
            status=status,
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, project: str, token: str) -> HttpResponse:
    """The page of the confirmation link: a button (POST) confirms; mail scanners only GET."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    try:
        subscriber = newsletter.find_by_confirm_token(project=current, token=token)
        if request.method == "POST":
            subscriber, changed = newsletter.confirm_subscription(project=current, token=token)
            context = {"project": current, "subscriber": subscriber, "changed": changed}
            return private(render(request, "communications/newsletter/confirmed.html", context))
    except links.LinkExpired:
        return _problem(request, current, "expired", 410)
    except links.LinkInvalid:
        return _problem(request, current, "invalid", 404)
    context = {"project": current, "subscriber": subscriber}
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return private(
            render(request, "communications/newsletter/confirmed.html", {**context, "changed": False})
        )
    return private(render(request, "communications/newsletter/confirm.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def agree_again(request: HttpRequest, project: str, token: str) -> HttpResponse:
    """The page of the e-mailed link after a material change of the privacy notice: only its button
    (a POST; mail scanners follow links) records the subscriber's agreement."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    try:
        subscriber = newsletter.find_by_agree_token(project=current, token=token)
    except links.LinkInvalid:
        return _problem(request, current, "invalid", 404)
    agreed = newsletter.agree_to_notice(project=current, token=token) if request.method == "POST" else None
    version = selectors.subscriber_notice_to_agree_again(subscriber=subscriber) if agreed is None else None
    language = translation.get_language()
    context = {
        "project": current,
        "subscriber": subscriber,
        "agreed": agreed,
        "version": version,
        "changes": version.changes.render(language, current.fallback_languages).text if version else "",
        "unsubscribe_path": reverse(
            "communications:unsubscribe",
            kwargs={"project": current.slug, "token": links.unsubscribe_token(subscriber)},
        ),
    }
    return private(render(request, "communications/newsletter/agree_again.html", context))


@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without a page or cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, project: str, token: str) -> HttpResponse:
    """Unsubscribe: a page in the subscriber's language with a button, or the one-click POST."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    try:
        subscriber = newsletter.find_by_unsubscribe_token(project=current, token=token)
    except links.LinkInvalid:
        return _problem(request, current, "invalid", 404)
    wanted = links.page_language(subscriber.language)
    if request.method != "POST" and translation.get_language() != wanted:
        with translation.override(wanted):
            return redirect(
                reverse("communications:unsubscribe", kwargs={"project": current.slug, "token": token})
            )
    if request.method == "POST":
        newsletter.unsubscribe(project=current, token=token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return private(HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8"))
        return private(render(request, "communications/newsletter/unsubscribed.html", {"project": current}))
    context = {"project": current, "subscriber": subscriber}
    return private(render(request, "communications/newsletter/unsubscribe.html", context))


def _articles(project):
    return (
        Article.objects.filter(project=project, versions__published_at__isnull=False)
        .distinct()
        .order_by("-created_at")
    )


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("communications.view_article", write="communications.change_article")
def campaigns(request: HttpRequest, project) -> HttpResponse:
    """The project's newsletters, the subscribers per language, and a form to write a new one."""
    form = CampaignForm(request.POST or None, project=project, articles=_articles(project))
    return submit(
        request,
        form,
        lambda data: newsletter.create_campaign(actor=request.user, project=project, **data),
        success_url=lambda campaign: reverse(
            "communications:campaign", kwargs={"project": project.slug, "pk": campaign.pk}
        ),
        message=_("The newsletter is saved; check it, then send it."),
        template="communications/manage/campaigns.html",
        context=lambda: _context(
            request,
            project,
            form=form,
            campaigns=list(Campaign.objects.filter(project=project).order_by("-created_at", "-pk")[:100]),
            audience=selectors.audience_counts(project=project),
            suppressed=selectors.suppressed_count(project=project),
        ),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("communications.view_article", write="communications.publish_article")
def campaign(request: HttpRequest, project, pk: int) -> HttpResponse:
    """One newsletter: what it says, how far its sending is; start, pause, resume, cancel."""
    found = Campaign.objects.filter(project=project, pk=pk).prefetch_related("articles").first()
    if found is None:
        raise Http404("No such newsletter")
    errors = []
    if request.method == "POST":
        actions = {
            "start": newsletter.start_campaign,
            "pause": newsletter.pause_campaign,
            "resume": newsletter.resume_campaign,
            "cancel": newsletter.cancel_campaign,
        }
        action = actions.get(request.POST.get("action", ""))
        if action is None:
            raise Http404("Unknown action")
        try:
            action(actor=request.user, campaign=found)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Done."))
            return redirect("communications:campaign", project=project.slug, pk=found.pk)
    counts = dict.fromkeys(Delivery.Status.values, 0)
    counts.update(selectors.delivery_counts(campaign=found))
    context = _context(
        request,
        project,
        campaign=found,
        errors=errors,
        counts=[(Delivery.Status(key).label, value) for key, value in counts.items()],
    )
    return render(request, "communications/manage/campaign.html", context, status=400 if errors else 200)
