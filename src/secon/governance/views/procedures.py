"""Written procedures: the committee's list, opening one (chair, secretary), a member's voting page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import submit
from secon.governance import counting, selectors
from secon.governance.forms.procedures import ProcedureForm
from secon.governance.models import Minutes
from secon.governance.services import procedures as service
from secon.governance.views import committee_view, context, error_text


@require_http_methods(["GET", "HEAD"])
@committee_view()
def index(request: HttpRequest, committee) -> HttpResponse:
    values = {
        "procedures": selectors.list_procedures(committee=committee),
        "may_run": request.user.has_perm("governance.run_meeting", committee),
    }
    return render(request, "governance/procedures.html", context(committee, request, **values))


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.run_meeting")
def create(request: HttpRequest, committee) -> HttpResponse:
    """Open a written procedure; every seat holder is e-mailed a link to vote."""
    circulated = Minutes.objects.filter(committee=committee, status="circulated").select_related("meeting")
    form = ProcedureForm(
        request.POST if request.method == "POST" else None,
        initial={
            "time_zone": timezone.get_current_timezone_name(),
            "time": "12:00",
            "kind": request.GET.get("kind", "decision"),
            "minutes": request.GET.get("minutes", ""),
        },
        project=committee.project,
        minutes=circulated,
    )
    return submit(
        request,
        form,
        lambda data: service.open_procedure(actor=request.user, committee=committee, **form.service_values()),
        success_url=lambda procedure: reverse(
            "governance:procedure",
            kwargs={"project": committee.project.slug, "committee": committee.slug, "pk": procedure.pk},
        ),
        message=_("The written procedure is open: every seat holder gets a link to vote."),
        template="governance/procedure_form.html",
        context=lambda: context(committee, request, form=form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view()
def detail(request: HttpRequest, committee, pk: int) -> HttpResponse:
    """The question, the deadline in its zone, my seat's ballot (yes / no / abstain), who has voted."""
    procedure = selectors.get_procedure(committee=committee, pk=pk)
    error, status = "", 200
    if request.method == "POST":
        cancelling = request.POST.get("action") == "cancel"
        try:
            if cancelling:
                service.cancel_procedure(
                    actor=request.user, procedure=procedure, reason=request.POST.get("cancel_reason", "")
                )
            else:
                service.cast_procedure_ballot(
                    actor=request.user, procedure=procedure, choice=request.POST.get("choice", "")
                )
        except ValidationError as failure:
            error, status = error_text(failure), 400
        except PermissionDenied as failure:
            error, status = str(failure) or _("You are not allowed to do this."), 403
        else:
            if cancelling:
                messages.success(request, _("The procedure is cancelled; every seat holder is told why."))
            else:
                messages.success(request, _("Your vote is recorded. You may change it until the deadline."))
            return redirect(request.path)
    seats = selectors.procedure_seats(procedure=procedure)
    mine = [s for s in seats if any(h.user_id == request.user.pk for h in s.current)]
    values = {
        "procedure": procedure,
        "vote": procedure.vote,
        "seats": seats,
        "my_seat": mine[0] if mine else None,
        "result_text": counting.describe_result(procedure.vote.result),
        "voted": sum(1 for seat in seats if seat.ballot),
        "voting_seats": sum(1 for seat in seats if seat.voting_right),
        "may_run": request.user.has_perm("governance.run_meeting", committee),
        "error": error,
    }
    return render(request, "governance/procedure.html", context(committee, request, **values), status=status)
