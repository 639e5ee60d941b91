"""A vote's page (question, quorum when it opened, ballots, result with arithmetic); a member's ballot."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secon.core.permissions import require
from secon.governance import counting, selectors
from secon.governance.services import votes
from secon.governance.views import committee_view, context, error_text
from secon.governance.views.meetings import _render_detail


@require_http_methods(["GET", "HEAD"])
@committee_view()
def detail(request: HttpRequest, committee, vote: int) -> HttpResponse:
    found = selectors.get_vote(committee=committee, pk=vote)
    if found.status == "draft":  # members see a vote once it is open
        require(request.user, "governance.run_meeting", committee)
    runs = request.user.has_perm("governance.run_meeting", committee)
    shown = runs or found.status == "published"
    values = {
        "vote": found,
        "meeting": found.meeting,
        "quorum_text": counting.describe_quorum(found.quorum),
        "result_text": counting.describe_result(found.result) if shown else "",
        "ballots": list(found.ballots.all()) if shown else [],
    }
    return render(request, "governance/vote.html", context(committee, request, **values))


@require_POST
@committee_view()
def ballot(request: HttpRequest, committee, vote: int) -> HttpResponse:
    """A member votes for their seat (yes / no / abstain)."""
    found = selectors.get_vote(committee=committee, pk=vote)
    if found.meeting is None:  # a written procedure's vote is cast on the procedure's page
        raise Http404
    meeting = selectors.get_meeting(committee=committee, number=found.meeting.number)
    try:
        votes.cast_ballot(actor=request.user, vote=found, choice=request.POST.get("choice", ""))
    except ValidationError as error:
        return _render_detail(request, committee, meeting, error=error_text(error), status=400)
    except PermissionDenied as error:
        return _render_detail(request, committee, meeting, error=str(error), status=403)
    messages.success(request, _("Your vote is recorded."))
    number = meeting.number
    return redirect(
        "governance:meeting", project=committee.project.slug, committee=committee.slug, number=number
    )
