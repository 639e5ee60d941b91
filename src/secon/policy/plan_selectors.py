"""Reads of action plans: a fixed number of queries whatever the number of plans, actions and links."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.accounts.predicates import roles_of
from secon.policy.enums import ActionStatus
from secon.policy.models import (
    Action,
    ActionFunding,
    ActionInspiration,
    ActionPlan,
    ActionPlayer,
    ActionTransfer,
    PlanVersion,
    ProgressNote,
)
from secon.practices.selectors.practices import practices_open_to
from secon.projects.models import Project


@dataclass(frozen=True)
class Progress:
    """How far a plan's actions have come: counts per status, the share implemented, the money."""

    total: int
    counts: dict
    percent_implemented: int
    cost: Decimal
    funded: Decimal

    @property
    def rows(self) -> list[dict]:
        labels = dict(ActionStatus.choices)
        return [
            {"status": s, "label": labels[s], "count": self.counts.get(s, 0)} for s in ActionStatus.values
        ]


def progress_of(actions: list[Action]) -> Progress:
    """Roll the actions up (no query when their funding is prefetched): abandoned ones do not count
    towards the share implemented."""
    counts = dict.fromkeys(ActionStatus.values, 0)
    cost = funded = Decimal(0)
    for action in actions:
        counts[action.status] += 1
        cost += action.cost or 0
        funded += sum((item.amount or 0 for item in action.funding.all()), Decimal(0))
    counted = len(actions) - counts[ActionStatus.ABANDONED]
    percent = round(100 * counts[ActionStatus.IMPLEMENTED] / counted) if counted else 0
    return Progress(len(actions), counts, percent, cost, funded)


def list_plans(*, project: Project, partner_id: int | None = None) -> list[ActionPlan]:
    """The project's plans with partner, instrument and their actions' statuses and funding (3 queries)."""
    actions = Action.objects.only("pk", "plan_id", "status", "cost").prefetch_related(
        Prefetch("funding", queryset=ActionFunding.objects.only("pk", "action_id", "amount"))
    )
    found = (
        ActionPlan.objects.filter(project=project)
        .select_related("partner__organisation", "instrument")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("partner__number", "pk")
    )
    if partner_id is not None:
        found = found.filter(partner_id=partner_id)
    plans = list(found)
    for plan in plans:
        plan.progress = progress_of(list(plan.actions.all()))
    return plans


def get_plan(*, project: Project, pk: int) -> ActionPlan:
    """One plan with its versions and every action with its links and notes (9 queries), or Http404."""
    notes = ProgressNote.objects.select_related("author").order_by("created_at", "pk")
    actions = Action.objects.order_by("pk").prefetch_related(
        Prefetch(
            "inspirations", queryset=ActionInspiration.objects.select_related("practice").order_by("pk")
        ),
        Prefetch("players", queryset=ActionPlayer.objects.select_related("organisation").order_by("pk")),
        Prefetch("funding", queryset=ActionFunding.objects.select_related("instrument").order_by("pk")),
        Prefetch("notes", queryset=notes),
        Prefetch(
            "transfer_links",
            queryset=ActionTransfer.objects.select_related("transfer__practice", "transfer__region"),
        ),
    )
    versions = PlanVersion.objects.select_related("submitted_by", "approved_by").order_by("number")
    plan = (
        ActionPlan.objects.filter(project=project, pk=pk)
        .select_related("partner__organisation", "instrument")
        .prefetch_related(Prefetch("actions", queryset=actions), Prefetch("versions", queryset=versions))
        .first()
    )
    if plan is None:
        raise Http404("No such action plan")
    plan.progress = progress_of(list(plan.actions.all()))
    return plan


def get_action(*, plan: ActionPlan, pk: int) -> Action:
    """One action of the plan (with its links), or Http404 (1 query; the plan is loaded with its actions)."""
    for action in plan.actions.all():
        if action.pk == pk:
            return action
    raise Http404("No such action")


def plan_warnings(plan: ActionPlan) -> list[str]:
    """What a reviewer should see before approving: actions inspired by no good practice (no query)."""
    uninspired = [action for action in plan.actions.all() if not action.inspirations.all()]
    if not uninspired:
        return []
    return [
        ngettext(
            "%(count)d action names no good practice that inspired it: %(titles)s.",
            "%(count)d actions name no good practice that inspired them: %(titles)s.",
            len(uninspired),
        )
        % {"count": len(uninspired), "titles": ", ".join(f"“{a.title}”" for a in uninspired)}
    ]


def practice_choices(*, project: Project, limit: int = 2000) -> list[tuple[int, str]]:
    """The practices an action may name: the project's own and the hub's published ones (1 query)."""
    found = (
        practices_open_to(project=project)
        .select_related("project")
        .only("pk", "title", "project__acronym", "city")
        .order_by("project__acronym", "pk")[:limit]
    )
    return [
        (
            p.pk,
            _("%(title)s (%(project)s, no. %(number)s)")
            % {"title": p, "project": p.project.acronym, "number": p.pk},
        )
        for p in found
    ]


def list_actions_readable_by(*, user) -> QuerySet[Action]:
    """The actions of every plan the user may read (their projects' members read them), with their
    inspiring practices and progress notes (3 queries whatever their number)."""
    actions = Action.objects.select_related("project").prefetch_related(
        Prefetch("inspirations", queryset=ActionInspiration.objects.order_by("pk")),
        Prefetch("notes", queryset=ProgressNote.objects.order_by("created_at", "pk")),
    )
    if user.is_superuser:
        return actions
    return actions.filter(project_id__in=list(roles_of(user)))
