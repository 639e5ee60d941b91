"""Page-cache scopes of the policy records shown on cached pages: the project page shows the
learning chains that reached a policy change (instrument, plan, action and its inspiring practices)."""

from secon.core import cache
from secon.policy.models import (
    Action,
    ActionFunding,
    ActionInspiration,
    ActionPlan,
    ActionPlayer,
    ActionTransfer,
    PlanVersion,
    PolicyInstrument,
    ProgressNote,
    StakeholderMeeting,
    StakeholderMember,
    StatusChange,
)
from secon.projects.scopes import project_scope


@cache.record_scopes(PolicyInstrument)
def _instrument(instrument: PolicyInstrument) -> list[str]:
    return [project_scope(instrument.project.slug)]


@cache.record_scopes(ActionPlan)
def _plan(plan: ActionPlan) -> list[str]:
    return [project_scope(plan.project.slug)]


@cache.record_scopes(Action)
def _action(action: Action) -> list[str]:
    return [project_scope(action.project.slug)]


@cache.record_scopes(ActionInspiration)
def _inspiration(inspiration: ActionInspiration) -> list[str]:
    return _action(inspiration.action)


for _model in (
    ActionFunding,
    ActionPlayer,
    ActionTransfer,
    PlanVersion,
    ProgressNote,
    StakeholderMeeting,
    StakeholderMember,
    StatusChange,
):
    cache.not_on_cached_pages(_model, reason="shown on the policy pages only, which are not cached")
