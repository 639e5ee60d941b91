"""The minutes of a meeting: read, draft from the records, edit per language, circulate, publish;
versions compared word by word; errata after approval; the PDF in each language."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import add_service_errors
from secon.core.http import download
from secon.core.languages import language_name
from secon.core.permissions import require
from secon.governance import diffing, selectors
from secon.governance.enums import APPROVED_MINUTES, MinutesStatus
from secon.governance.forms.comments import DeadlineForm
from secon.governance.forms.minutes import MinutesForm
from secon.governance.pdfs import minutes_pdf
from secon.governance.selectors.comments import (
    comments_by_section,
    describe_deadline,
    list_comments,
    seats_without_comment,
    window_open,
)
from secon.governance.selectors.decisions import citable_decisions
from secon.governance.selectors.minutes import get_minutes, list_versions, minutes_languages, section_text
from secon.governance.services import minutes as service
from secon.governance.services.comments import default_comment_day
from secon.governance.views import comments as comment_views
from secon.governance.views import committee_view, context, error_text
from secon.projects import selectors as project_selectors


def _language(request, project) -> str:
    """The language asked for (``?language=``) if the project writes in it, else the page's."""
    languages = project.content_languages or ["en"]
    code = request.GET.get("language", "")
    if code in languages:
        return code
    current = translation.get_language()
    return current if current in languages else languages[0]


def _readable(request, committee, minutes) -> bool:
    """Members read circulated minutes; drafts are for those who manage the committee."""
    if request.user.has_perm("governance.manage_committee", committee):
        return True
    return minutes is not None and minutes.status != MinutesStatus.DRAFT


def _to_minutes(committee, meeting, **query):
    response = redirect(
        "governance:minutes", project=committee.project.slug, committee=committee.slug, number=meeting.number
    )
    if query:
        response["Location"] += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return response


def _page(request, committee, meeting, *, error="", status=200) -> HttpResponse:
    minutes = get_minutes(meeting=meeting)
    if minutes is not None and not _readable(request, committee, minutes):
        minutes = None
    language = _language(request, committee.project)
    fallbacks = committee.project.fallback_languages
    sections, grouped, may_manage = [], {}, request.user.has_perm("governance.manage_committee", committee)
    if minutes is not None:
        grouped = comments_by_section(list_comments(minutes=minutes)) if minutes.status != "draft" else {}
        for section in minutes.current.sections:
            title, text = section_text(section, language, fallbacks)
            sections.append(
                {
                    "key": section["key"],
                    "number": section.get("number", ""),
                    "title": title,
                    "text": text,
                    "comments": grouped.get(section["key"], []),
                }
            )
    values = {
        "meeting": meeting,
        "minutes": minutes,
        "sections": sections,
        "language": language,
        "languages": [(code, language_name(code)) for code in committee.project.content_languages or ["en"]],
        "pdf_languages": [(code, language_name(code)) for code in minutes_languages(committee.project)],
        "approved": minutes is not None and minutes.status in APPROVED_MINUTES,
        "error": error,
        "general_comments": grouped.get("", []),
        "comment_count": sum(len(found) for found in grouped.values()),
        "window_open": minutes is not None and window_open(minutes),
        "may_comment": request.user.has_perm("governance.comment_minutes", committee),
    }
    if minutes is not None and minutes.comments_until:
        values["deadline"] = describe_deadline(minutes)
        values["deadline_day"] = minutes.comments_until.astimezone(meeting.zone).date().isoformat()
        if may_manage and minutes.status == MinutesStatus.CIRCULATED:
            values["seats_silent"] = len(seats_without_comment(minutes))
    if minutes is not None and minutes.status == MinutesStatus.DRAFT:
        values["default_day"] = default_comment_day(meeting=meeting).isoformat()
    return render(request, "governance/minutes.html", context(committee, request, **values), status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view()
def detail(request: HttpRequest, committee, number: int) -> HttpResponse:
    """The minutes in one language; the secretary drafts, circulates and publishes them here."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    if meeting.status == "draft":
        require(request.user, "governance.manage_committee", committee)
    if request.method != "POST":
        return _page(request, committee, meeting)
    action = request.POST.get("action", "")
    handler = comment_views.HANDLERS.get(action)
    if handler is None:
        require(request.user, "governance.manage_committee", committee)
    minutes = get_minutes(meeting=meeting)
    try:
        if handler is not None:
            if minutes is None or not _readable(request, committee, minutes):
                raise ValidationError(_("These minutes have not been circulated for comments."))
            messages.success(request, handler(request, committee, minutes))
            section = request.POST.get("section", "") if action == "comment" else ""
            response = _to_minutes(committee, meeting)
            response["Location"] += f"#section-{section or 'general'}" if action == "comment" else ""
            return response
        elif action == "draft":
            service.draft_minutes(actor=request.user, meeting=meeting)
            messages.success(
                request, _("The minutes are drafted from the meeting's records. Edit them as needed.")
            )
        elif minutes is None:
            raise ValidationError(_("Draft the minutes first."))
        elif action == "circulate":
            day = None
            if request.POST.get("comments_until"):
                form = DeadlineForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(form.errors["comments_until"])
                day = form.cleaned_data["comments_until"]
            service.circulate_minutes(actor=request.user, minutes=minutes, comments_until=day)
            messages.success(
                request, _("The minutes are on their way to every member, each in their language.")
            )
        elif action == "publish":
            service.publish_minutes(actor=request.user, minutes=minutes)
            messages.success(request, _("The minutes are published on the project's public pages."))
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        return _page(request, committee, meeting, error=error_text(error), status=400)
    return _to_minutes(committee, meeting)


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def edit(request: HttpRequest, committee, number: int) -> HttpResponse:
    """Edit every section in one language (a new version on save); an erratum once approved."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    minutes = get_minutes(meeting=meeting)
    if minutes is None:
        raise Http404
    language = _language(request, committee.project)
    erratum = minutes.status in APPROVED_MINUTES
    form = MinutesForm(
        request.POST if request.method == "POST" else None,
        sections=minutes.current.sections,
        language=language,
        fallbacks=committee.project.fallback_languages,
        erratum=erratum,
        decisions=citable_decisions(committee=committee) if erratum else None,
        approved_by=minutes.approved_by_id,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if erratum:
                    version = service.correct_minutes(
                        actor=request.user,
                        minutes=minutes,
                        language=language,
                        texts=form.texts(),
                        reason=form.cleaned_data["reason"],
                        decision=form.cleaned_data["decision"],
                    )
                else:
                    version = service.save_minutes(
                        actor=request.user, minutes=minutes, language=language, texts=form.texts()
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if version is None:
                    messages.info(request, _("Nothing changed: no new version."))
                else:
                    messages.success(request, _("Saved as version %(number)s.") % {"number": version.number})
                return _to_minutes(committee, meeting, language=language)
        status = 400
    values = {
        "meeting": meeting,
        "minutes": minutes,
        "form": form,
        "erratum": erratum,
        "language": language,
        "language_label": language_name(language),
        "languages": [(code, language_name(code)) for code in committee.project.content_languages or ["en"]],
    }
    return render(
        request, "governance/minutes_form.html", context(committee, request, **values), status=status
    )


def _number(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_http_methods(["GET", "HEAD"])
@committee_view()
def versions(request: HttpRequest, committee, number: int) -> HttpResponse:
    """Every version, who saved it and why; two of them compared word by word."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    minutes = get_minutes(meeting=meeting)
    if minutes is None or not _readable(request, committee, minutes):
        raise Http404
    found = list_versions(minutes=minutes)
    by_number = {version.number: version for version in found}
    newer = by_number.get(_number(request.GET.get("b"), minutes.version)) or found[0]
    older = by_number.get(_number(request.GET.get("a"), newer.number - 1)) or found[-1]
    values = {
        "meeting": meeting,
        "minutes": minutes,
        "versions": found,
        "older": older,
        "newer": newer,
        "changes": diffing.compare_sections(older.sections, newer.sections) if older != newer else [],
    }
    return render(request, "governance/minutes_versions.html", context(committee, request, **values))


def _pdf_response(minutes, meeting, request, project) -> HttpResponse:
    language = _language(request, project)
    version = None
    if request.GET.get("version"):
        version = next(
            (v for v in list_versions(minutes=minutes) if v.number == _number(request.GET["version"], 0)),
            None,
        )
        if version is None:
            raise Http404
    body = minutes_pdf(minutes=minutes, language=language, version=version)
    name = f"{project.slug}-minutes-{meeting.number}-{language}.pdf"
    return download(body, content_type="application/pdf", filename=name, inline=True)


@require_http_methods(["GET", "HEAD"])
@committee_view()
def pdf(request: HttpRequest, committee, number: int) -> HttpResponse:
    """The minutes as PDF (``?language=``, ``?version=``), with attendance, votes, decisions, signatures."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    minutes = get_minutes(meeting=meeting)
    if minutes is None or not _readable(request, committee, minutes):
        raise Http404
    minutes.meeting = meeting
    return _pdf_response(minutes, meeting, request, committee.project)


@require_http_methods(["GET", "HEAD"])
def public_pdf(request: HttpRequest, project: str, committee: str, number: int) -> HttpResponse:
    """Published minutes, for everybody."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_committee(project=current, slug=committee)
    meeting = selectors.get_meeting(committee=found, number=number)
    minutes = get_minutes(meeting=meeting)
    if minutes is None or minutes.status != MinutesStatus.PUBLISHED:
        raise Http404
    return _pdf_response(minutes, meeting, request, current)
