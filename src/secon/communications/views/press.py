"""Press releases drafted from events: choose an event and a language, then check, edit and draft again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.communications import selectors
from secon.communications.drafting.compose import available_languages, choose_mode, paragraph_labels
from secon.communications.forms.articles import StatusForm
from secon.communications.services import articles as article_service
from secon.communications.services import press
from secon.communications.views.common import _context
from secon.communications.views.names import unformed_organisations
from secon.core.languages import language_name
from secon.core.permissions import require
from secon.events.models import Event
from secon.projects.views import project_view


def _languages(project) -> list[tuple[str, str]]:
    drafted = set(available_languages())
    return [(code, language_name(code)) for code in project.content_languages if code in drafted]


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("communications.view_article", write="communications.change_article")
def events(request: HttpRequest, project) -> HttpResponse:
    """The project's events, each with "draft the press release" in the languages we have sentences for."""
    found = list(
        Event.objects.filter(project=project).select_related("host_organisation").order_by("-start_date")
    )
    errors: dict[int, list[str]] = {}
    if request.method == "POST":
        event = next((item for item in found if str(item.pk) == request.POST.get("event")), None)
        if event is None:
            raise Http404("No such event")
        language, mode = request.POST.get("language", ""), request.POST.get("mode", "auto")
        if mode not in ("auto", "before", "after"):
            mode = "auto"
        try:
            version = press.draft_press_release(actor=request.user, event=event, language=language, mode=mode)
        except ValidationError as error:
            errors[event.pk] = error.messages
        else:
            messages.success(
                request, _("The press release is drafted from the records; check it paragraph by paragraph.")
            )
            return redirect(
                "communications:version", project=project.slug, pk=version.article_id, language=language
            )
    releases = selectors.press_releases_by_event(project=project)
    rows = [
        {
            "event": event,
            "mode": choose_mode(event),
            "errors": errors.get(event.pk, []),
            "article": releases.get(event.pk),
        }
        for event in found
    ]
    context = _context(request, project, rows=rows, languages=_languages(project))
    return render(request, "communications/manage/press_events.html", context, status=400 if errors else 200)


def version_page(request: HttpRequest, project, article, version, language: str) -> HttpResponse:
    """The version page of a drafted press release: paragraphs with the facts behind them."""
    paragraphs = selectors.list_paragraphs(version=version)
    errors = {}
    if request.method == "POST":
        require(request.user, "communications.change_article", article)
        action = request.POST.get("action", "")
        try:
            if action == "paragraphs":
                texts = {p.key: request.POST.get(f"paragraph_{p.key}", p.text) for p in paragraphs}
                press.edit_paragraphs(actor=request.user, version=version, texts=texts)
                messages.success(request, _("The paragraphs are saved; drafting again keeps your edits."))
            elif action == "redraft":
                mode = request.POST.get("mode", "auto")
                press.draft_press_release(
                    actor=request.user,
                    event=article.event,
                    language=language,
                    mode=mode if mode in ("auto", "before", "after") else "auto",
                )
                messages.success(request, _("Drafted again from the records; edited paragraphs are kept."))
            elif action == "restore":
                paragraph = next((p for p in paragraphs if str(p.pk) == request.POST.get("paragraph")), None)
                if paragraph is None:
                    raise Http404("No such paragraph")
                press.restore_paragraph(actor=request.user, paragraph=paragraph)
                messages.success(request, _("The paragraph says again what the records give."))
            else:
                return None
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            for paragraph in paragraphs:
                paragraph.text = request.POST.get(f"paragraph_{paragraph.key}", paragraph.text)
        else:
            return redirect("communications:version", project=project.slug, pk=article.pk, language=language)
    labels = paragraph_labels()
    context = _context(
        request,
        project,
        article=article,
        version=version,
        language=language,
        language_label=language_name(language),
        paragraphs=[(p, errors.get(f"paragraph_{p.key}", []), labels.get(p.key, p.key)) for p in paragraphs],
        errors=[
            message for key, items in errors.items() if not key.startswith("paragraph_") for message in items
        ],
        problems=article_service.publication_problems(version=version),
        unformed=unformed_organisations(paragraphs, language),
        status_form=StatusForm(initial={"status": version.status}),
        mode=version.draft_mode or (choose_mode(article.event) if article.event else "before"),
    )
    return render(request, "communications/manage/press_version.html", context, status=400 if errors else 200)
