"""The committee's home, its settings, and its seats with the people holding them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import add_service_errors, submit
from secon.governance import selectors
from secon.governance.forms.committee import (
    CommitteeForm,
    CommitteeRulesForm,
    EndHoldingForm,
    HolderForm,
    SeatForm,
    SeatSettingsForm,
)
from secon.governance.selectors.committees import committee_defaults
from secon.governance.services import committees as service
from secon.governance.views import committee_view, context, error_text
from secon.projects import selectors as project_selectors
from secon.projects.views import project_view


def _form(request, project, initial=None):
    users = selectors.project_members(project=project)
    partners = project.partners.select_related("organisation").order_by("number")
    return CommitteeForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        project=project,
        users=users,
        partners=partners,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def index(request: HttpRequest, project: str) -> HttpResponse:
    """The project's committees the user may see (a single one opens directly); for coordinators, the
    defaults every committee follows unless it sets its own."""
    current = project_selectors.get_project(slug=project)
    may_add = request.user.has_perm("governance.add_committee", current)
    visible = [
        c
        for c in selectors.list_committees(project=current)
        if request.user.has_perm("governance.view_committee", c)
    ]
    if not visible and not may_add:
        raise PermissionDenied
    if request.method == "POST" and not may_add:
        raise PermissionDenied
    if len(visible) == 1 and not may_add:
        return redirect("governance:home", project=current.slug, committee=visible[0].slug)
    values = {"project": current, "committees": visible, "may_add": may_add, "form": None}
    if not may_add:
        response = render(request, "governance/index.html", values)
    else:
        values["form"] = form = CommitteeRulesForm(
            request.POST if request.method == "POST" else None,
            initial=CommitteeRulesForm.initial_for(committee_defaults(project=current)),
        )
        response = submit(
            request,
            form,
            lambda data: service.set_committee_defaults(actor=request.user, project=current, **data),
            success_url=reverse("governance:index", kwargs={"project": current.slug}),
            message=_("The defaults are saved; the committees following them use them now."),
            template="governance/index.html",
            context=values,
        )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("governance.add_committee")
def create(request: HttpRequest, project) -> HttpResponse:
    """Set up a committee (coordinators)."""
    current = project
    form = _form(
        request,
        current,
        initial={
            "kind": "steering",
            "code": "SC",
            "slug": "steering-committee",
            "follows_defaults": True,
            **CommitteeRulesForm.initial_for(committee_defaults(project=current)),
        },
    )
    return submit(
        request,
        form,
        lambda data: service.create_committee(actor=request.user, project=current, **data),
        success_url=lambda committee: reverse(
            "governance:seats", kwargs={"project": current.slug, "committee": committee.slug}
        ),
        message=_("The committee is set up. Give the partners their seats."),
        template="governance/committee_form.html",
        context={"project": current, "form": form},
    )


@require_http_methods(["GET", "HEAD"])
@committee_view()
def home(request: HttpRequest, committee) -> HttpResponse:
    """For members: the next meeting with its agenda and papers, my seat, the seats, past meetings."""
    may_manage = request.user.has_perm("governance.manage_committee", committee)
    meetings = selectors.list_meetings(committee=committee, include_drafts=may_manage)
    upcoming = selectors.next_meeting(meetings)
    agenda = selectors.flat_agenda(meeting=upcoming) if upcoming else []
    now = timezone.now()
    mine = selectors.my_holdings(committee=committee, user=request.user)
    partner_ids = {holding.seat.partner_id for holding in mine}
    open_votes = [v for v in selectors.list_votes(meeting=upcoming) if v.status == "open"] if upcoming else []
    values = {
        "meetings": meetings,
        "upcoming": upcoming,
        "agenda": agenda,
        "past": [m for m in meetings if m.ends_at < now],
        "seats": selectors.list_seats(committee=committee),
        "mine": mine,
        "my_actions": selectors.my_actions(committee=committee, user=request.user, partner_ids=partner_ids),
        "open_votes": open_votes,
        "review_actions": selectors.pending_actions(committee=committee)
        if any(i.reviews_actions for i in agenda)
        else [],
    }
    return render(request, "governance/home.html", context(committee, request, **values))


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def settings(request: HttpRequest, committee) -> HttpResponse:
    """Name, code, notice period, secretary, chair."""
    form = _form(request, committee.project, initial=CommitteeForm.initial_for(committee))
    return submit(
        request,
        form,
        lambda data: service.update_committee(actor=request.user, committee=committee, **data),
        success_url=lambda saved: reverse(
            "governance:home", kwargs={"project": saved.project.slug, "committee": saved.slug}
        ),
        message=_("The committee is saved."),
        template="governance/committee_form.html",
        context=lambda: context(committee, request, form=form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def seats(request: HttpRequest, committee) -> HttpResponse:
    """The seats, their holders today and before; give a partner a seat."""
    form = SeatForm(
        request.POST if request.method == "POST" else None,
        partners=committee.project.partners.filter(
            pk__in=[p.pk for p in selectors.free_partners(committee=committee)]
        ).select_related("organisation"),
    )
    return submit(
        request,
        form,
        lambda data: service.add_seat(actor=request.user, committee=committee, **data),
        success_url=reverse(
            "governance:seats", kwargs={"project": committee.project.slug, "committee": committee.slug}
        ),
        message=_("The seat is added."),
        template="governance/seats.html",
        context=lambda: context(
            committee, request, form=form, seats=selectors.list_seats(committee=committee)
        ),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def seat(request: HttpRequest, committee, seat: int) -> HttpResponse:
    """One seat: appoint a representative or substitute, end a holding, change weight and voting right."""
    found = selectors.get_seat(committee=committee, pk=seat)
    action = request.POST.get("action") if request.method == "POST" else None
    users = selectors.project_members(project=committee.project)
    holder_form = HolderForm(request.POST if action == "appoint" else None, users=users)
    settings_form = SeatSettingsForm(
        request.POST if action == "settings" else None,
        initial={"weight": found.weight, "voting_right": found.voting_right},
    )
    status = 200
    if action:
        try:
            if action == "appoint" and holder_form.is_valid():
                service.appoint_holder(actor=request.user, seat=found, **holder_form.cleaned_data)
                messages.success(request, _("The seat holder is appointed."))
            elif action == "settings" and settings_form.is_valid():
                service.update_seat(actor=request.user, seat=found, **settings_form.cleaned_data)
                messages.success(request, _("The seat is saved."))
            elif action == "end":
                end_form = EndHoldingForm(request.POST)
                holder = selectors.get_holder(seat=found, pk=request.POST.get("holder") or 0)
                if not end_form.is_valid():
                    raise ValidationError(end_form.errors["valid_until"])
                service.end_holding(actor=request.user, holder=holder, **end_form.cleaned_data)
                messages.success(request, _("The holding has ended; it stays in the history."))
            else:
                raise ValidationError(_("Check the form below."))
        except ValidationError as error:
            if action == "appoint":
                add_service_errors(holder_form, error)
            elif action == "settings":
                add_service_errors(settings_form, error)
            messages.error(request, error_text(error))
        else:
            return redirect(
                "governance:seat", project=committee.project.slug, committee=committee.slug, seat=found.pk
            )
        status = 400
    listed = next(s for s in selectors.list_seats(committee=committee) if s.pk == found.pk)
    values = {
        "seat": listed,
        "holder_form": holder_form,
        "settings_form": settings_form,
        "today": timezone.localdate(),
    }
    return render(request, "governance/seat.html", context(committee, request, **values), status=status)
