"""A meeting: plan it, convene it (the notice goes out), run it; its agenda, papers and calendar file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secon.core.forms import submit
from secon.core.http import download
from secon.core.media import file_response
from secon.core.permissions import require
from secon.governance import counting, pdfs, selectors
from secon.governance.emails import meeting_calendar, meeting_url
from secon.governance.forms.meeting import MeetingForm
from secon.governance.services import meetings as service
from secon.governance.views import committee_view, context, error_text, requested_language


def _meeting_form(request, committee, initial):
    return MeetingForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        project=committee.project,
        sessions=selectors.event_sessions(project=committee.project),
    )


def _meeting_url(meeting) -> str:
    return reverse(
        "governance:meeting",
        kwargs={
            "project": meeting.project.slug,
            "committee": meeting.committee.slug,
            "number": meeting.number,
        },
    )


def _to_meeting(meeting):
    return redirect(_meeting_url(meeting))


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def create(request: HttpRequest, committee) -> HttpResponse:
    """Plan a meeting (a draft until it is convened)."""
    initial = {"time_zone": timezone.get_current_timezone_name(), "start": "10:00", "end": "12:00"}
    form = _meeting_form(request, committee, initial)

    def plan(data):
        meeting = service.create_meeting(actor=request.user, committee=committee, **form.service_values())
        meeting.project = committee.project
        return meeting

    return submit(
        request,
        form,
        plan,
        success_url=_meeting_url,
        message=_("The meeting is planned. Now add its agenda."),
        template="governance/meeting_form.html",
        context=lambda: context(committee, request, form=form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def edit(request: HttpRequest, committee, number: int) -> HttpResponse:
    meeting = selectors.get_meeting(committee=committee, number=number)
    form = _meeting_form(request, committee, MeetingForm.initial_for(meeting))
    return submit(
        request,
        form,
        lambda data: service.update_meeting(actor=request.user, meeting=meeting, **form.service_values()),
        success_url=_meeting_url(meeting),
        message=_("The meeting is saved."),
        template="governance/meeting_form.html",
        context=lambda: context(committee, request, form=form, meeting=meeting),
    )


@require_http_methods(["GET", "HEAD"])
@committee_view()
def detail(request: HttpRequest, committee, number: int) -> HttpResponse:
    """The meeting: date and place in its zone, the numbered agenda with papers; the secretary's buttons."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    if meeting.status == "draft":
        require(request.user, "governance.manage_committee", committee)
    return _render_detail(request, committee, meeting)


def _render_detail(request, committee, meeting, *, error: str = "", status: int = 200) -> HttpResponse:
    agenda = selectors.flat_agenda(meeting=meeting)
    vote_list = [vote for vote in selectors.list_votes(meeting=meeting) if vote.status != "draft"]
    for vote in vote_list:
        vote.result_text = counting.describe_result(vote.result) if vote.status == "published" else ""
    values = {
        "review_actions": selectors.pending_actions(committee=committee)
        if any(i.reviews_actions for i in agenda)
        else [],
        "votes": vote_list,
        "may_run": request.user.has_perm("governance.run_meeting", committee),
        "holds_seat": bool(selectors.my_holdings(committee=committee, user=request.user)),
        "meeting": meeting,
        "agenda": agenda,
        "total_minutes": selectors.agenda_minutes(agenda),
        "error": error,
        "holders": service.current_holders(meeting) if meeting.status == "draft" else [],
    }
    return render(request, "governance/meeting.html", context(committee, request, **values), status=status)


def _actions() -> dict:
    return {
        "convene": (
            service.convene_meeting,
            _("The notice is on its way to every seat holder, each in their language."),
        ),
        "start": (service.start_meeting, _("The meeting has started.")),
        "close": (service.close_meeting, _("The meeting is closed.")),
    }


@require_POST
@committee_view("governance.run_meeting")
def transition(request: HttpRequest, committee, number: int, action: str) -> HttpResponse:
    """Convene, start or close the meeting."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    actions = _actions()
    if action not in actions:
        return _render_detail(request, committee, meeting, error=_("Unknown action."), status=400)
    function, done = actions[action]
    try:
        function(actor=request.user, meeting=meeting)
    except ValidationError as error:
        return _render_detail(request, committee, meeting, error=error_text(error), status=400)
    messages.success(request, done)
    if request.POST.get("next") == "run" and action == "start":
        return redirect(
            "governance:run", project=committee.project.slug, committee=committee.slug, number=meeting.number
        )
    return _to_meeting(meeting)


@require_http_methods(["GET", "HEAD"])
@committee_view()
def calendar(request: HttpRequest, committee, number: int) -> HttpResponse:
    """The meeting as an iCalendar file, in the page's language."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    if meeting.status == "draft":
        require(request.user, "governance.manage_committee", committee)
    body = meeting_calendar(meeting=meeting, language=translation.get_language())
    return download(
        body, content_type="text/calendar; charset=utf-8", filename=f"meeting-{meeting.number}.ics"
    )


@require_http_methods(["GET", "HEAD"])
@committee_view()
def agenda_pdf(request: HttpRequest, committee, number: int) -> HttpResponse:
    """The notice with the numbered agenda as PDF, in the page's language (or ``?language=``)."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    if meeting.status == "draft":
        require(request.user, "governance.manage_committee", committee)
    language = requested_language(request)
    body = pdfs.agenda_pdf(meeting=meeting, language=language, url=meeting_url(meeting))
    name = f"{committee.project.slug}-{committee.code}{meeting.number}-agenda-{language}.pdf"
    return download(body, content_type="application/pdf", filename=name, inline=True)


@require_http_methods(["GET", "HEAD"])
@committee_view()
def paper(request: HttpRequest, committee, paper: int) -> HttpResponse:
    """A paper's file, for the committee (published papers are public on the public pages)."""
    found = selectors.get_paper(committee=committee, pk=paper)
    if found.item.meeting.status == "draft":
        require(request.user, "governance.manage_committee", committee)
    return file_response(found.file.name, public=False)
