"""A project's privacy notice: the public page (current version, earlier ones) and the coordinators'
editor (a draft per content language, published as the next immutable version)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from secon.core.confirm import confirmation_page, confirmed
from secon.core.forms import add_service_errors
from secon.core.http import private
from secon.core.markup import render_markdown
from secon.organisations import contact_notice, notice_services
from secon.organisations import selectors as organisation_selectors
from secon.projects import selectors as project_selectors
from secon.projects.views import project_view
from secon.public.forms import PrivacyNoticeForm


def _page(request: HttpRequest, project, version, *, versions: list) -> HttpResponse:
    text = version.text.render(translation.get_language(), project.fallback_languages) if version else None
    changes = (
        version.changes.render(translation.get_language(), project.fallback_languages) if version else None
    )
    current = versions[0] if versions else None
    context = {
        "project": project,
        "content_fallbacks": project.fallback_languages,
        "version": version,
        "current": current,
        "text": text,
        "body": render_markdown(text.text) if text else "",
        "changes": changes,
        "versions": versions,
        "may_edit": request.user.has_perm("organisations.change_privacynotice", project),
    }
    return render(request, "public/privacy.html", context)


@require_safe
def privacy(request: HttpRequest, project: str) -> HttpResponse:
    """The project's current privacy notice, dated, with the list of earlier versions."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    versions = organisation_selectors.list_notice_versions(project=current)
    return _page(request, current, versions[0] if versions else None, versions=versions)


@require_safe
def privacy_version(request: HttpRequest, project: str, number: int) -> HttpResponse:
    """One version of the notice as it was published (earlier versions say which one is current)."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    version = organisation_selectors.get_notice_version(project=current, number=number)
    versions = organisation_selectors.list_notice_versions(project=current)
    return _page(request, current, version, versions=versions)


@require_http_methods(["GET", "HEAD", "POST"])
def privacy_agree(request: HttpRequest, project: str, token: str) -> HttpResponse:
    """The page of the link e-mailed to a contact after a material change of the notice: it shows what
    changed; only its buttons (POSTs; mail scanners follow links) record an answer, once."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    try:
        person, asked = contact_notice.read_token(token)
    except contact_notice.LinkExpired:
        return _link_problem(request, current, "expired", 410)
    except contact_notice.LinkInvalid:
        return _link_problem(request, current, "invalid", 404)
    if asked.project_id != current.pk:
        return _link_problem(request, current, "invalid", 404)
    answered = None
    if request.method == "POST":
        agree = request.POST.get("answer") != "withdraw"
        try:
            number = int(request.POST.get("number", ""))
        except ValueError:
            number = 0
        answered = notice_services.answer_changed_notice(
            actor=None,
            person=person,
            project=current,
            number=number,
            agree=agree,
            source="privacy notice link e-mailed to a contact",
        )
        if answered is not None:
            context = {"project": current, "answered": answered, "agreed": agree}
            return private(render(request, "public/privacy_agree.html", context))
    version = organisation_selectors.notice_to_agree_again(person=person, project=current)
    language = translation.get_language()
    context = {
        "project": current,
        "person": person,
        "version": version,
        "agreed_notice": organisation_selectors.agreed_notice(person=person, project=current),
        "changes": version.changes.render(language, current.fallback_languages).text if version else "",
    }
    return private(render(request, "public/privacy_agree.html", context))


def _link_problem(request: HttpRequest, project, kind: str, status: int) -> HttpResponse:
    context = {"project": project, "problem": kind, "days": contact_notice.LINK_DAYS}
    return private(render(request, "public/privacy_agree.html", context, status=status))


@require_http_methods(["GET", "POST"])
@project_view("organisations.change_privacynotice")
def privacy_edit(request: HttpRequest, project) -> HttpResponse:
    """The coordinators write the notice; "Publish" (after a confirmation) makes it the next version."""
    current = project
    languages = list(current.content_languages or ["en"])
    published = organisation_selectors.current_notice(project=current)
    draft = organisation_selectors.get_notice_draft(project=current)
    source = (draft.draft if draft and draft.draft else None) or (published.text if published else {})
    initial = {f"text_{code}": source.get(code, "") for code in languages}
    form = PrivacyNoticeForm(request.POST or None, initial=initial, languages=languages)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if form.is_valid():
            try:
                if action == "publish":
                    if not confirmed(request):
                        return _confirm_publish(request, current, published)
                    version = notice_services.publish_notice(
                        actor=request.user,
                        project=current,
                        texts=form.texts(),
                        changes=form.changes(),
                        material=form.cleaned_data["material"],
                    )
                    messages.success(
                        request,
                        _("Version %(number)s of the privacy notice is published.")
                        % {"number": version.number},
                    )
                    return redirect(reverse("public:privacy", args=[current.slug]))
                notice_services.save_notice_draft(actor=request.user, project=current, texts=form.texts())
                messages.success(
                    request, _("The draft is saved; the public still sees the published version.")
                )
                return redirect(request.path)
            except ValidationError as error:
                add_service_errors(form, error)
        status = 400
    context = {
        "project": current,
        "form": form,
        "published": published,
        "draft": draft,
    }
    return render(request, "public/privacy_edit.html", context, status=status)


def _confirm_publish(request: HttpRequest, project, published) -> HttpResponse:
    number = published.number + 1 if published else 1
    details = [
        _(
            "Every consent box of the project links to it from now on, and people who agree "
            "record this version."
        ),
        _("A published version cannot be changed or deleted; correct it by publishing another one."),
    ]
    if published and request.POST.get("material"):
        details.append(_("People who agreed to an earlier version are asked to agree again."))
    return confirmation_page(
        request,
        title=_("Publish the privacy notice?"),
        question=_("Do you really want to publish this text as version %(number)s?") % {"number": number},
        details=details,
        confirm_label=_("Yes, publish version %(number)s") % {"number": number},
        back_url=request.path,
        context={"project": project},
    )
