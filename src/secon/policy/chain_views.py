"""Pages of the learning chain (a practice's, a partner's, an instrument's timeline) and of the
stakeholder groups' meetings with each organisation's participation."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import submit
from secon.core.permissions import require
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
    if request.method == "POST":
        require(request.user, "policy.edit_instrument", instrument)

    def values() -> dict:
        found = meeting_selectors.list_meetings(instrument=instrument)
        members = selectors.list_stakeholders(instrument=instrument)
        history = meeting_selectors.participation_history(
            instrument=instrument, members=members, meetings=found
        )
        return _context(project, instrument=instrument, meetings=found, history=history, form=form)

    form = None
    if not request.user.has_perm("policy.edit_instrument", instrument):
        return render(request, "policy/meetings.html", values())
    form = MeetingForm(request.POST or None, instrument=instrument)
    return submit(
        request,
        form,
        lambda data: meetings.schedule_meeting(actor=request.user, instrument=instrument, **form.values()),
        success_url=lambda meeting: reverse("events:manage", args=[project.slug, meeting.event.slug]),
        message=_("The meeting is scheduled: set its agenda and register the members."),
        template="policy/meetings.html",
        context=values,
    )
