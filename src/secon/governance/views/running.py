"""Running a meeting on one screen (a tablet in the room): who is present, the quorum, the votes.

For the chair, the secretary and coordinators. Every button posts to the same page and comes back
to it, so the page works without JavaScript; a small script refreshes the quorum every few seconds.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.accounts.models import User
from secon.core.forms import add_service_errors
from secon.governance import counting, selectors
from secon.governance.forms.votes import OpenVoteForm, VoteForm
from secon.governance.models import Seat
from secon.governance.services import attendance, votes
from secon.governance.views import committee_view, context, error_text


def _vote_form(request, committee, agenda, bound: bool):
    items = [item for item in agenda if item.kind in ("decision", "minutes")] or agenda
    return VoteForm(request.POST if bound else None, project=committee.project, items=items)


def _describe(vote_list) -> None:
    for vote in vote_list:
        counts = {"yes": 0, "no": 0, "abstain": 0}
        for ballot in vote.ballots.all():
            counts[ballot.choice] += ballot.weight
        vote.counts = counts
        vote.ballot_seats = {ballot.seat_id: ballot for ballot in vote.ballots.all()}
        vote.quorum_text = counting.describe_quorum(vote.quorum)
        vote.result_text = counting.describe_result(vote.result)


def _page(
    request, committee, meeting, *, vote_form=None, open_form=None, error="", status=200
) -> HttpResponse:
    agenda = selectors.flat_agenda(meeting=meeting)
    presence = selectors.meeting_presence(meeting=meeting)
    vote_list = selectors.list_votes(meeting=meeting)
    _describe(vote_list)
    open_vote = next((vote for vote in vote_list if vote.status == "open"), None)
    if open_vote is not None:
        for seat in presence.seats:
            seat.ballot = open_vote.ballot_seats.get(seat.pk)
    values = {
        "meeting": meeting,
        "presence": presence,
        "votes": vote_list,
        "open_vote": open_vote,
        "vote_form": vote_form or _vote_form(request, committee, agenda, bound=False),
        "open_form": open_form or OpenVoteForm(),
        "may_override": request.user.has_perm("governance.override_quorum", committee),
        "error": error,
    }
    return render(request, "governance/run.html", context(committee, request, **values), status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.run_meeting")
def run(request: HttpRequest, committee, number: int) -> HttpResponse:
    meeting = selectors.get_meeting(committee=committee, number=number)
    if request.method != "POST":
        return _page(request, committee, meeting)
    action = request.POST.get("action", "")
    vote_form = open_form = None
    try:
        if action == "attendance":
            user = User.objects.filter(pk=request.POST.get("user") or 0).first()
            if user is None:
                raise ValidationError(_("Choose a person."))
            attendance.mark_attendance(
                actor=request.user, meeting=meeting, user=user, present=request.POST.get("present") == "1"
            )
        elif action == "vote_create":
            agenda = selectors.flat_agenda(meeting=meeting)
            vote_form = _vote_form(request, committee, agenda, bound=True)
            if not vote_form.is_valid():
                raise ValidationError(_("Check the question and the majority."))
            item = next((i for i in agenda if i.pk == vote_form.cleaned_data["item"]), None)
            data = vote_form.cleaned_data
            votes.create_vote(
                actor=request.user, meeting=meeting, question=data["question"], rule=data["rule"], item=item
            )
            messages.success(request, _("The vote is prepared. Open it when the debate is over."))
        elif action in ("open", "close", "publish", "ballot"):
            vote = selectors.get_vote(committee=committee, pk=request.POST.get("vote") or 0)
            if vote.meeting_id != meeting.pk:
                raise ValidationError(_("This vote belongs to another meeting."))
            if action == "open":
                open_form = OpenVoteForm(request.POST)
                open_form.is_valid()
                reason = open_form.cleaned_data.get("override_reason", "")
                votes.open_vote(actor=request.user, vote=vote, override_reason=reason)
                messages.success(request, _("The vote is open."))
            elif action == "close":
                votes.close_vote(actor=request.user, vote=vote)
                messages.success(request, _("The vote is closed and counted."))
            elif action == "publish":
                votes.publish_vote(actor=request.user, vote=vote)
                messages.success(request, _("The result is published to the committee."))
            else:
                seat = Seat.objects.filter(committee=committee, pk=request.POST.get("seat") or 0).first()
                if seat is None:
                    raise ValidationError(_("Choose a seat."))
                votes.cast_ballot(
                    actor=request.user, vote=vote, choice=request.POST.get("choice", ""), seat=seat
                )
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        for form in (vote_form, open_form):
            if form is not None:
                add_service_errors(form, error)
        return _page(
            request,
            committee,
            meeting,
            vote_form=vote_form,
            open_form=open_form,
            error=error_text(error),
            status=400,
        )
    except PermissionDenied as error:
        return _page(
            request, committee, meeting, error=str(error) or _("You are not allowed to do this."), status=403
        )
    url = request.path + ("#votes" if action != "attendance" else "#presence")
    return redirect(url)


@require_http_methods(["GET", "HEAD"])
@committee_view("governance.view_committee")
def quorum(request: HttpRequest, committee, number: int) -> JsonResponse:
    """The live quorum, for the running page's script."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    presence = selectors.meeting_presence(meeting=meeting)
    return JsonResponse({**presence.quorum, "text": presence.description})
