"""Write action plans: a partner's plan for its instrument, submitted and approved version by version.

A plan is written as a draft, submitted by its partner (or a coordinator) and approved by a
coordinator, who may instead return it with a reason. Each submission is kept as a numbered
version with its actions as they were; an approved plan is revised by opening the next version.
Actions change only while the plan is a draft; their progress is recorded at any time
(``actions.record_progress``). Partner editors write the plans of their own partner only.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM, person_of, require
from secon.policy.enums import PlanStatus
from secon.policy.models import Action, ActionPlan, PlanVersion, PolicyInstrument

PLAN_FIELDS = ("title", "summary")


def may_edit_plan(actor, plan: ActionPlan) -> bool:
    return actor is SYSTEM or bool(actor and actor.has_perm("policy.edit_plan", plan))


def _lock(plan: ActionPlan) -> ActionPlan:
    return (
        ActionPlan._base_manager.select_for_update().select_related("partner", "instrument").get(pk=plan.pk)
    )


def _clean_text(values: dict) -> dict:
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return {name: (value or "").strip() for name, value in values.items()}


@transaction.atomic
def create_plan(*, actor, instrument: PolicyInstrument, title: str, summary: str = "") -> ActionPlan:
    """Start the action plan of an instrument's partner (version 1, a draft)."""
    instrument = PolicyInstrument._base_manager.select_related("partner").get(pk=instrument.pk)
    require(actor, "policy.add_plan", instrument.project)
    plan = ActionPlan(project_id=instrument.project_id, partner=instrument.partner, instrument=instrument)
    if not may_edit_plan(actor, plan):
        raise PermissionDenied(_("You may only write the action plans of your own region."))
    if ActionPlan._base_manager.filter(instrument=instrument).exists():
        raise ValidationError({"instrument": _("This instrument has an action plan already; open it.")})
    for name, value in _clean_text({"title": title, "summary": summary}).items():
        setattr(plan, name, value)
    plan.full_clean(exclude=["project", "partner", "instrument"])
    plan.save()
    record_change(actor=actor, instance=plan, action=AuditEntry.Action.CREATE, project_id=plan.project_id)
    return plan


def require_draft(plan: ActionPlan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(
            _("Version %(version)s is %(status)s: open a new version to change its actions.")
            % {"version": plan.version, "status": plan.get_status_display()}
        )


@transaction.atomic
def update_plan(*, actor, plan: ActionPlan, **values) -> ActionPlan:
    """Change a draft plan's title and summary."""
    plan = _lock(plan)
    require(actor, "policy.edit_plan", plan)
    values = _clean_text(values)
    require_draft(plan)
    with audited(actor=actor, instance=plan, project_id=plan.project_id):
        for name, value in values.items():
            setattr(plan, name, value)
        plan.full_clean(exclude=["project", "partner", "instrument"])
        plan.save()
    return plan


def _snapshot(plan: ActionPlan) -> list[dict]:
    """The actions as submitted: what, why, months, cost, status and inspiring practices."""
    actions = Action._base_manager.filter(plan=plan).prefetch_related("inspirations").order_by("pk")
    return [
        {
            "id": action.pk,
            "title": action.title,
            "rationale": action.rationale,
            "start_month": action.start_month.isoformat() if action.start_month else None,
            "end_month": action.end_month.isoformat() if action.end_month else None,
            "cost": str(action.cost) if action.cost is not None else None,
            "status": action.status,
            "practices": [link.practice_id for link in action.inspirations.all()],
        }
        for action in actions
    ]


@transaction.atomic
def submit_plan(*, actor, plan: ActionPlan) -> PlanVersion:
    """Submit the draft for approval; the version is kept with its actions as they are now."""
    plan = _lock(plan)
    require(actor, "policy.edit_plan", plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    actions = _snapshot(plan)
    if not actions:
        raise ValidationError(_("Add at least one action before submitting the plan."))
    version = PlanVersion(plan=plan, number=plan.version, submitted_by=person_of(actor), snapshot=actions)
    version.full_clean(exclude=["plan", "submitted_by"])
    version.save()
    with audited(actor=actor, instance=plan, project_id=plan.project_id):
        plan.status = PlanStatus.SUBMITTED
        plan.save()
    return version


def _current_version(plan: ActionPlan) -> PlanVersion:
    return PlanVersion._base_manager.select_for_update().get(plan=plan, number=plan.version)


def _refuse_unless_submitted(plan: ActionPlan) -> None:
    """Approving or returning needs a submitted plan; say what became of it (two coordinators at
    once: the first decides, the second is told so)."""
    if plan.status == PlanStatus.SUBMITTED:
        return
    if plan.status == PlanStatus.APPROVED:
        message = _("Version %(version)s of this plan is approved already: nothing was changed.")
    elif plan.version > 1 and PlanVersion.objects.filter(plan=plan, number=plan.version - 1).exists():
        message = _(
            "Version %(previous)s of this plan was returned for changes or approved already; "
            "version %(version)s is a draft, not submitted: nothing was changed."
        )
    else:
        message = _("Version %(version)s of this plan is a draft, not submitted: nothing was changed.")
    raise ValidationError(message % {"version": plan.version, "previous": plan.version - 1}, code="status")


@transaction.atomic
def approve_plan(*, actor, plan: ActionPlan) -> PlanVersion:
    """A coordinator approves the submitted version."""
    plan = _lock(plan)
    require(actor, "policy.approve_plan", plan)
    _refuse_unless_submitted(plan)
    version = _current_version(plan)
    version.approved_at = timezone.now()
    version.approved_by = person_of(actor)
    version.save()
    with audited(actor=actor, instance=plan, project_id=plan.project_id):
        plan.status = PlanStatus.APPROVED
        plan.save()
    return version


@transaction.atomic
def return_plan(*, actor, plan: ActionPlan, reason: str) -> ActionPlan:
    """A coordinator sends the submitted version back with a reason; the next version is a draft."""
    plan = _lock(plan)
    require(actor, "policy.approve_plan", plan)
    _refuse_unless_submitted(plan)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what should change.")})
    version = _current_version(plan)
    version.returned_reason = reason
    version.full_clean(exclude=["plan", "submitted_by", "approved_by"])
    version.save()
    return _next_version(actor, plan)


@transaction.atomic
def revise_plan(*, actor, plan: ActionPlan) -> ActionPlan:
    """Open the next version of an approved plan as a draft (the approved one stays on record)."""
    plan = _lock(plan)
    require(actor, "policy.edit_plan", plan)
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Only an approved plan is revised in a new version."))
    return _next_version(actor, plan)


def _next_version(actor, plan: ActionPlan) -> ActionPlan:
    with audited(actor=actor, instance=plan, project_id=plan.project_id):
        plan.version += 1
        plan.status = PlanStatus.DRAFT
        plan.full_clean(exclude=["project", "partner", "instrument"])
        plan.save()
    return plan
