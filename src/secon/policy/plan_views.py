"""Pages of the action plans: the partnership's plans, one plan with its actions, and their forms."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from secon.core.forms import add_service_errors, submit
from secon.core.permissions import require
from secon.policy import actions, plan_selectors, plans, selectors
from secon.policy.enums import PlanStatus
from secon.policy.models import ActionPlan, ActionTransfer
from secon.policy.plan_forms import ActionForm, PlanForm, ProgressForm, ReturnForm, TransferLinkForm
from secon.policy.views import _context, project_view
from secon.practices.models import Transfer


@require_http_methods(["GET", "HEAD"])
@project_view
def index(request: HttpRequest, project) -> HttpResponse:
    found = plan_selectors.list_plans(project=project)
    planned = {plan.instrument_id for plan in found}
    open_instruments = [
        instrument
        for instrument in selectors.list_instruments(project=project)
        if instrument.pk not in planned and request.user.has_perm("policy.edit_instrument", instrument)
    ]
    values = {"plans": found, "open_instruments": open_instruments}
    return render(request, "policy/plans.html", _context(project, **values))


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def create(request: HttpRequest, project) -> HttpResponse:
    instruments = [
        instrument
        for instrument in selectors.list_instruments(project=project)
        if plans.may_edit_plan(request.user, ActionPlan(project=project, partner=instrument.partner))
    ]
    if not instruments:
        raise PermissionDenied
    initial = {"instrument": request.GET.get("instrument")}
    form = PlanForm(request.POST or None, initial=initial, instruments=instruments)
    return submit(
        request,
        form,
        lambda data: plans.create_plan(
            actor=request.user,
            instrument=next(i for i in instruments if i.pk == data["instrument"]),
            title=data["title"],
            summary=data["summary"],
        ),
        success_url=lambda plan: plan_url(project, plan),
        message=_("The action plan is started: add its actions."),
        template="policy/plan_form.html",
        context=_context(project, form=form, plan=None),
    )


@require_http_methods(["GET", "HEAD"])
@project_view
def detail(request: HttpRequest, project, pk: int) -> HttpResponse:
    plan = plan_selectors.get_plan(project=project, pk=pk)
    return _render_plan(request, project, plan)


def _render_plan(request, project, plan, *, return_form=None, errors=(), status=200) -> HttpResponse:
    may_edit = request.user.has_perm("policy.edit_plan", plan)
    may_approve = request.user.has_perm("policy.approve_plan", plan)
    values = {
        "plan": plan,
        "actions": list(plan.actions.all()),
        "versions": list(plan.versions.all()),
        "warnings": plan_selectors.plan_warnings(plan),
        "errors": errors,
        "may_edit": may_edit,
        "may_change": may_edit and plan.status == PlanStatus.DRAFT,
        "may_approve": may_approve and plan.status == PlanStatus.SUBMITTED,
        "return_form": return_form or ReturnForm(),
    }
    return render(request, "policy/plan.html", _context(project, **values), status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def edit(request: HttpRequest, project, pk: int) -> HttpResponse:
    plan = plan_selectors.get_plan(project=project, pk=pk)
    require(request.user, "policy.edit_plan", plan)
    initial = {"title": plan.title, "summary": plan.summary}
    form = PlanForm(request.POST or None, initial=initial, editing=True)
    return submit(
        request,
        form,
        lambda data: plans.update_plan(actor=request.user, plan=plan, **data),
        success_url=plan_url(project, plan),
        message=_("The changes are saved."),
        template="policy/plan_form.html",
        context=_context(project, form=form, plan=plan),
    )


STEPS = {"submit": plans.submit_plan, "approve": plans.approve_plan, "revise": plans.revise_plan}
DONE = {
    "submit": gettext_lazy("The plan is submitted to the coordinators."),
    "approve": gettext_lazy("The plan is approved."),
    "revise": gettext_lazy("A new version is open as a draft."),
    "return": gettext_lazy("The plan is returned to its partner."),
}


@require_POST
@project_view
def step(request: HttpRequest, project, pk: int, name: str) -> HttpResponse:
    """Submit, approve, return (with a reason) or revise a plan; a refused step says why on the plan."""
    plan = plan_selectors.get_plan(project=project, pk=pk)
    form = ReturnForm(request.POST if name == "return" else None)
    try:
        if name == "return":
            form.is_valid()
            plans.return_plan(actor=request.user, plan=plan, reason=form.cleaned_data.get("reason", ""))
        else:
            STEPS[name](actor=request.user, plan=plan)
    except ValidationError as error:
        if name == "return":
            add_service_errors(form, error)
        errors = [] if name == "return" else error.messages
        return _render_plan(request, project, plan, return_form=form, errors=errors, status=400)
    messages.success(request, DONE[name])
    return redirect("policy:plan", project.slug, plan.pk)


def _action_form(request, project, plan, action=None):
    instruments = selectors.list_instruments(project=project)
    practices = plan_selectors.practice_choices(project=project)
    initial = {}
    if action is not None:
        inspired = [link.practice_id for link in action.inspirations.all()]
        offered = {pk for pk, _label in practices}
        initial = {
            "title": action.title,
            "rationale": action.rationale,
            "practices": [pk for pk in inspired if pk in offered],
            "other_practices": ", ".join(str(pk) for pk in inspired if pk not in offered),
            "players": "\n".join(f"{p.organisation or p.name} | {p.role}" for p in action.players.all()),
            "start_month": action.start_month,
            "end_month": action.end_month,
            "cost": action.cost if action.cost is not None else "",
        }
        for n, item in enumerate(action.funding.all()[:3], start=1):
            initial |= {
                f"funding_{n}_instrument": item.instrument_id,
                f"funding_{n}_source": item.source,
                f"funding_{n}_amount": item.amount if item.amount is not None else "",
            }
    form = ActionForm(request.POST or None, initial=initial, practices=practices, instruments=instruments)
    return form, instruments


def _action_values(form, instruments) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "rationale": data["rationale"],
        "start_month": data["start_month"],
        "end_month": data["end_month"],
        "cost": data["cost"],
        "practice_ids": [*data["practices"], *data["other_practices"]],
        "players": data["players"],
        "funding": form.funding_rows(instruments),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def action_form(request: HttpRequest, project, pk: int, action_pk: int | None = None) -> HttpResponse:
    """Add an action to a draft plan, or change (or delete) one."""
    plan = plan_selectors.get_plan(project=project, pk=pk)
    require(request.user, "policy.edit_plan", plan)
    action = plan_selectors.get_action(plan=plan, pk=action_pk) if action_pk else None
    form, instruments = _action_form(request, project, plan, action)
    if request.method == "POST" and "delete" in request.POST and action is not None:
        try:
            actions.delete_action(actor=request.user, action=action)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The action is deleted."))
        return redirect("policy:plan", project.slug, plan.pk)
    return submit(
        request,
        form,
        lambda data: (
            actions.add_action(actor=request.user, plan=plan, **_action_values(form, instruments))
            if action is None
            else actions.update_action(actor=request.user, action=action, **_action_values(form, instruments))
        ),
        success_url=lambda saved: f"{plan_url(project, plan)}#action-{(saved or action).pk}",
        message=_("The action is saved."),
        template="policy/action_form.html",
        context=_context(project, plan=plan, action=action, form=form),
    )


def plan_url(project, plan) -> str:
    return reverse("policy:plan", args=[project.slug, plan.pk])


@require_http_methods(["GET", "HEAD", "POST"])
@project_view
def progress(request: HttpRequest, project, pk: int, action_pk: int) -> HttpResponse:
    """Record an action's progress (with evidence) and the transfers that led to it."""
    plan = plan_selectors.get_plan(project=project, pk=pk)
    require(request.user, "policy.edit_plan", plan)
    action = plan_selectors.get_action(plan=plan, pk=action_pk)
    transfers = list(
        Transfer.objects.filter(project=project, partner=plan.partner)
        .exclude(action_links__action=action)
        .select_related("practice", "region")
    )
    posted = request.POST if request.method == "POST" else None
    form = ProgressForm(
        posted if posted and "progress" in posted else None,
        request.FILES or None,
        initial={"status": action.status},
    )
    link_form = TransferLinkForm(posted if posted and "link" in posted else None, transfers=transfers)
    status = 200
    if posted:
        try:
            if "unlink" in posted:
                link = ActionTransfer.objects.filter(action=action, pk=posted["unlink"]).first()
                if link is None:
                    raise ValidationError(_("This transfer is no longer linked."))
                actions.unlink_transfer(actor=request.user, link=link)
                messages.success(request, _("The link is removed."))
                return redirect("policy:progress", project.slug, plan.pk, action.pk)
            if "link" in posted and link_form.is_valid():
                transfer = next(t for t in transfers if t.pk == link_form.cleaned_data["transfer"])
                actions.link_transfer(actor=request.user, action=action, transfer=transfer)
                messages.success(request, _("The transfer is linked to the action."))
                return redirect("policy:progress", project.slug, plan.pk, action.pk)
            if "progress" in posted and form.is_valid():
                actions.record_progress(actor=request.user, action=action, **form.cleaned_data)
                messages.success(request, _("The progress is recorded."))
                return redirect(f"{plan_url(project, plan)}#action-{action.pk}")
        except ValidationError as error:
            add_service_errors(link_form if "link" in posted else form, error)
        status = 400
    values = {"plan": plan, "action": action, "form": form, "link_form": link_form, "transfers": transfers}
    return render(request, "policy/progress.html", _context(project, **values), status=status)
