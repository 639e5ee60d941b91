"""Read action items: the committee's list, the overdue ones per partner, mine, those to review."""

import datetime

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from secon.governance.enums import PENDING_ACTIONS
from secon.governance.models import ActionItem, Committee


def _actions(committee: Committee):
    return ActionItem.objects.filter(committee=committee).select_related(
        "owner_user", "owner_partner__organisation", "decision", "item__meeting"
    )


def list_actions(*, committee: Committee, status: str = "") -> list[ActionItem]:
    actions = _actions(committee)
    if status == "pending":
        actions = actions.filter(status__in=PENDING_ACTIONS)
    elif status:
        actions = actions.filter(status=status)
    today = timezone.localdate()
    found = list(actions.order_by("due_on", "pk"))
    for action in found:
        action.is_overdue = action.status in PENDING_ACTIONS and action.due_on < today
    return found


def pending_actions(*, committee: Committee) -> list[ActionItem]:
    """The open and in-progress items (for the "review of actions" item of the next meeting)."""
    return list_actions(committee=committee, status="pending")


def overdue_by_partner(actions: list[ActionItem]) -> list[tuple[str, list[ActionItem]]]:
    """Group the overdue actions of a list by the partner that answers for them (no query)."""
    groups: dict[str, list[ActionItem]] = {}
    for action in actions:
        if not action.is_overdue:
            continue
        if action.owner_partner_id:
            name = f"{action.owner_partner.code} {action.owner_partner.organisation.name}"
        else:
            name = action.owner_user.get_full_name() or action.owner_user.email
        groups.setdefault(name, []).append(action)
    return sorted(groups.items())


def my_actions(
    *, committee: Committee, user, partner_ids: set[int], day: datetime.date | None = None
) -> list[ActionItem]:
    """Pending actions of the user, or of a partner whose seat they hold (one query)."""
    if not user.is_authenticated:
        return []
    found = list(
        _actions(committee)
        .filter(status__in=PENDING_ACTIONS)
        .filter(Q(owner_user=user) | Q(owner_partner_id__in=partner_ids))
        .order_by("due_on", "pk")
    )
    today = day or timezone.localdate()
    for action in found:
        action.is_overdue = action.due_on < today
    return found


def get_action(*, committee: Committee, pk) -> ActionItem:
    action = _actions(committee).filter(pk=pk).first()
    if action is None:
        raise Http404
    action.committee = committee
    return action
