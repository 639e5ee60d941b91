"""Pages of the learning chain (a practice's, a partner's, an instrument's timeline) and of the
stakeholder groups' meetings with each organisation's participation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import add_service_errors
from secon.organisations.models import Partner
from secon.policy import chain, meeting_selectors, meetings, selectors
from secon.policy.meeting_forms import MeetingForm
from secon.policy.models import ActionPlan
from secon.policy.views import _context, project_view
from secon.practices.models import GoodPractice
from secon.practices.selectors.practices import practices_open_to


def _practice(project, pk: int) -> GoodPractice:
    """A practice of the project, or a published one of the hub (what an action may name)."""
    found = practices_open_to(project=project).filter(pk=pk).select_related("project").first()
    if found is None:
        raise Http404("No such practice")
    return found


@require_http_methods(["GET", "HEAD"])
@project_view
def practice_chain(request: HttpRequest, project, pk: int) -> HttpResponse:
    practice = _practice(project, pk)
    chains = chain.build_chains(project=project, practices=[practice])
    values = {"subject": practice, "kind": "practice", "chains": chains}
    return render(request, "policy/chain.html", _context(project, **values))


@require_http_methods(["GET", "HEAD"])
@project_view
def partner_chain(request: HttpRequest, project, pk: int) -> HttpResponse:
    partner = Partner.objects.filter(project=project, pk=pk).select_related("organisation").first()
    if partner is None:
        raise Http404("No such partner")
    practices = chain.practices_of(project=project, partner=partner)
    chains = chain.build_chains(project=project, practices=practices, partner=partner)
    values = {"subject": partner, "kind": "partner", "chains": chains}
    return render(request, "policy/chain.html", _context(project, **values))


@require_http_methods(["GET", "HEAD"])
@project_view
def instrument_chain(request: HttpRequest, project, pk: int) -> HttpResponse:
    instrument = selectors.get_instrument(project=project, pk=pk)
    plan = ActionPlan.objects.filter(instrument=instrument).only("pk").first()
    practices = chain.practices_of(project=project, plan_id=plan.pk) if plan else []
    chains = chain.build_chains(project=project, practices=practices, plan_id=plan.pk if plan else None)
    values = {"subject": instrument, "kind": "instrument", "chains": chains}
    return render(request, "policy/chain.html", _context(project, **values))


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def group_meetings(request: HttpRequest, project, pk: int) -> HttpResponse:
    """The group's meetings (events of their kind), who came from each organisation, and a new one."""
    instrument = selectors.get_instrument(project=project, pk=pk)
    may_edit = request.user.has_perm("policy.edit_instrument", instrument)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    form = MeetingForm(request.POST or None, instrument=instrument) if may_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.schedule_meeting(actor=request.user, instrument=instrument, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is scheduled: set its agenda and register the members."))
            return redirect("events:manage", project.slug, meeting.event.slug)
    found = meeting_selectors.list_meetings(instrument=instrument)
    members = selectors.list_stakeholders(instrument=instrument)
    values = {
        "instrument": instrument,
        "meetings": found,
        "history": meeting_selectors.participation_history(
            instrument=instrument, members=members, meetings=found
        ),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "policy/meetings.html", _context(project, **values), status=status)
