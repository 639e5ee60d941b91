"""The communication officer's side: the matrix of articles × languages, an article, one language's text.

Open to the project's members (viewers read); partner editors write and translate; coordinators
approve and publish (see ``communications/rules.py``; the services check the same permissions).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from secon.communications import selectors
from secon.communications.enums import VersionStatus
from secon.communications.forms.articles import ArticleForm, ImageForm, StatusForm, VersionForm
from secon.communications.services import articles as article_service
from secon.communications.services import images as image_service
from secon.communications.views import press
from secon.communications.views.common import _context, _events, members_only
from secon.core.forms import add_service_errors, submit
from secon.core.languages import language_name
from secon.core.permissions import require
from secon.projects.views import project_view


@require_safe
@members_only
def matrix(request: HttpRequest, project) -> HttpResponse:
    """Every article × every content language, with each version's status."""
    rows = selectors.article_matrix(project=project)
    languages = list(project.content_languages or ["en"])
    counts = selectors.status_counts(rows)
    context = _context(
        request,
        project,
        rows=rows,
        languages=[(code, language_name(code)) for code in languages],
        statuses=[(value, label, counts[value]) for value, label in VersionStatus.choices],
    )
    return render(request, "communications/manage/matrix.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("communications.change_article")
def article_create(request: HttpRequest, project) -> HttpResponse:
    """Start an article with its text in one language."""
    form = ArticleForm(request.POST or None, project=project, events=_events(project))
    return submit(
        request,
        form,
        lambda data: article_service.create_article(
            actor=request.user, project=project, **form.article_values(), **form.text_values()
        ),
        success_url=lambda article: _manage_url(article),
        message=_("The article is saved as a draft."),
        template="communications/manage/article_form.html",
        context=_context(request, project, form=form),
    )


def _manage_url(article) -> str:
    return reverse(
        "communications:article_manage", kwargs={"project": article.project.slug, "pk": article.pk}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@members_only
def article(request: HttpRequest, project, pk: int) -> HttpResponse:
    """An article: its settings, its versions per language, its pictures."""
    found = selectors.get_article_for_staff(project=project, pk=pk)
    initial = {name: getattr(found, name) for name in ("kind", "slug", "event", "embargo_until")}
    form = ArticleForm(
        request.POST or None, project=project, events=_events(project), with_text=False, initial=initial
    )
    image_form = ImageForm(languages=list(project.content_languages or ["en"]))
    if request.method == "POST":
        require(request.user, "communications.change_article", found)
    return submit(
        request,
        form,
        lambda data: article_service.update_article(
            actor=request.user, article=found, **form.article_values()
        ),
        success_url=_manage_url(found),
        message=_("The article is saved."),
        template="communications/manage/article.html",
        context=lambda: _article_context(request, found, form, image_form),
    )


def _article_context(request, found, form, image_form) -> dict:
    project = found.project
    versions = {version.language: version for version in found.versions.all()}
    return _context(
        request,
        project,
        article=found,
        form=form,
        image_form=image_form,
        cells=[(code, language_name(code), versions.get(code)) for code in project.content_languages],
        is_online=any(version.is_published for version in versions.values()),
    )


@require_POST
@members_only
def image_add(request: HttpRequest, project, pk: int) -> HttpResponse:
    found = selectors.get_article_for_staff(project=project, pk=pk)
    require(request.user, "communications.change_article", found)
    image_form = ImageForm(request.POST, request.FILES, languages=list(project.content_languages or ["en"]))
    form = ArticleForm(project=project, events=_events(project), with_text=False)
    return submit(
        request,
        image_form,
        lambda data: image_service.add_image(actor=request.user, article=found, **data),
        success_url=_manage_url(found),
        message=_("The picture is added."),
        template="communications/manage/article.html",
        context=lambda: _article_context(request, found, form, image_form),
    )


@require_POST
@members_only
def image_remove(request: HttpRequest, project, pk: int, image: int) -> HttpResponse:
    found = selectors.get_article_for_staff(project=project, pk=pk)
    picture = next((item for item in found.images.all() if item.pk == image), None)
    if picture is None:
        raise Http404("No such picture")
    require(request.user, "communications.change_article", found)
    image_service.remove_image(actor=request.user, image=picture)
    messages.success(request, _("The picture is removed."))
    return redirect("communications:article_manage", project=project.slug, pk=found.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@members_only
def version(request: HttpRequest, project, pk: int, language: str) -> HttpResponse:
    """One language's text of an article: edit it, move its status, publish it on its own."""
    found = selectors.get_article_for_staff(project=project, pk=pk)
    if language not in project.content_languages:
        raise Http404("Not a content language of this project")
    current = next((item for item in found.versions.all() if item.language == language), None)
    action = request.POST.get("action", "save")
    drafted = current is not None and found.event_id and selectors.list_paragraphs(version=current)
    if drafted and (request.method != "POST" or action in ("paragraphs", "redraft", "restore")):
        return press.version_page(request, project, found, current, language)
    form = VersionForm(request.POST if action == "save" else None, instance=current, language=language)
    status_form = StatusForm(
        request.POST if action == "status" else None, initial={"status": current and current.status}
    )
    response_status = 200
    if request.method == "POST":
        require(request.user, "communications.change_article", found)
        try:
            done = _version_action(request, found, current, language, action, form, status_form)
        except ValidationError as error:
            add_service_errors(status_form if action != "save" else form, error)
            done = False
        if done:
            return redirect("communications:version", project=project.slug, pk=found.pk, language=language)
        response_status = 400
    source = next((item for item in found.versions.all() if item.language == found.source_language), None)
    context = _context(
        request,
        project,
        article=found,
        version=current,
        language=language,
        language_label=language_name(language),
        source=source if language != found.source_language else None,
        form=form,
        status_form=status_form,
        problems=article_service.publication_problems(version=current) if current else [],
        preview=current and current.body,
    )
    return render(request, "communications/manage/version.html", context, status=response_status)


def _version_action(request, article, current, language, action, form, status_form) -> bool:
    """Carry out the button pressed on the version page; return True when done."""
    if action == "save":
        if not form.is_valid():
            return False
        article_service.save_version(
            actor=request.user, article=article, language=language, **form.cleaned_data
        )
        messages.success(request, _("The text is saved."))
        return True
    if current is None:
        raise Http404("No text in this language yet")
    if action == "status":
        if not status_form.is_valid():
            return False
        article_service.set_version_status(
            actor=request.user, version=current, status=status_form.cleaned_data["status"]
        )
        messages.success(request, _("The status is changed."))
    elif action == "publish":
        article_service.publish_version(actor=request.user, version=current)
        messages.success(request, _("This language is published."))
    elif action == "unpublish":
        article_service.unpublish_version(actor=request.user, version=current)
        messages.success(request, _("This language is taken off the site."))
    else:
        raise Http404("Unknown action")
    return True
