"""Action items: assign, update, remind owners (7 days and 1 day before, then weekly, at most 4 times)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.accounts.models import Membership, User
from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM, require
from secon.governance.enums import PENDING_ACTIONS, ActionStatus
from secon.governance.models import ActionItem, AgendaItem, Committee, Decision, SeatHolder
from secon.organisations.models import Partner

#: The overdue reminders go out 1, 8, 15 and 22 days after the due date.
OVERDUE_DAYS = (1, 8, 15, 22)


def _check_owner(committee: Committee, owner_user: User | None, owner_partner: Partner | None) -> None:
    if owner_user is None and owner_partner is None:
        raise ValidationError({"owner_user": _("Name the person or the partner who does it.")})
    if owner_partner is not None and owner_partner.project_id != committee.project_id:
        raise ValidationError({"owner_partner": _("The owner must be a partner of the project.")})
    if (
        owner_user is not None
        and not Membership.objects.filter(project_id=committee.project_id, user=owner_user).exists()
    ):
        raise ValidationError({"owner_user": _("The owner must be a member of the partnership.")})


@transaction.atomic
def create_action(
    *,
    actor,
    committee: Committee,
    what: str,
    due_on: datetime.date,
    owner_user: User | None = None,
    owner_partner: Partner | None = None,
    decision: Decision | None = None,
    item: AgendaItem | None = None,
    today: datetime.date | None = None,
) -> ActionItem:
    """Assign an action item (the chair, the secretary or a coordinator).

    ``today``: the day it is assigned (the demo records a past meeting's actions); by default today.
    """
    require(actor, "governance.run_meeting", committee)
    _check_owner(committee, owner_user, owner_partner)
    if due_on < (today or timezone.localdate()):
        raise ValidationError({"due_on": _("The due date is in the past.")})
    if decision is not None and decision.committee_id != committee.pk:
        raise ValidationError({"decision": _("This decision belongs to another committee.")})
    if item is not None and item.meeting.committee_id != committee.pk:
        raise ValidationError({"item": _("This item belongs to another committee.")})
    action = ActionItem(
        project_id=committee.project_id,
        committee=committee,
        what=what.strip(),
        due_on=due_on,
        owner_user=owner_user,
        owner_partner=owner_partner,
        decision=decision,
        item=item,
    )
    action.full_clean(exclude=["project", "committee", "owner_user", "owner_partner", "decision", "item"])
    action.save()
    record_change(
        actor=actor, instance=action, action=AuditEntry.Action.CREATE, project_id=committee.project_id
    )
    return action


def owners_of(action: ActionItem) -> list[User]:
    """Return the people who answer for an action: its person, or the partner's seat holders today."""
    if action.owner_user_id:
        return [action.owner_user]
    today = timezone.localdate()
    holders = (
        SeatHolder._base_manager.filter(
            seat__committee_id=action.committee_id,
            seat__partner_id=action.owner_partner_id,
            valid_from__lte=today,
        )
        .exclude(valid_until__lt=today)
        .select_related("user")
        .order_by("role", "pk")
    )
    return list({holder.user_id: holder.user for holder in holders}.values())


def may_update(actor, action: ActionItem) -> bool:
    if actor is SYSTEM or actor.has_perm("governance.run_meeting", action.committee):
        return True
    return any(user.pk == actor.pk for user in owners_of(action))


@transaction.atomic
def update_action(
    *, actor, action: ActionItem, status: str, due_on: datetime.date | None = None
) -> ActionItem:
    """Change an action's status (its owner, or those running the committee) or its due date (the latter)."""
    if not may_update(actor, action):
        raise PermissionDenied(_("Only the owner or the secretary updates this action."))
    action = ActionItem._base_manager.select_for_update().get(pk=action.pk)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    with audited(actor=actor, instance=action, project_id=action.project_id):
        action.status = status
        action.done_on = timezone.localdate() if status == ActionStatus.DONE else None
        if due_on is not None and due_on != action.due_on:
            if actor is not SYSTEM and not actor.has_perm("governance.run_meeting", action.committee):
                raise PermissionDenied(_("Only the secretary moves a due date."))
            if due_on < timezone.localdate():
                raise ValidationError({"due_on": _("The due date is in the past.")})
            action.due_on = due_on
            action.reminders_sent = []
            action.overdue_reminders = 0
        action.full_clean(exclude=["project", "committee", "owner_user", "owner_partner", "decision", "item"])
        action.save()
    return action


def reminder_due(action: ActionItem, today: datetime.date) -> str | None:
    """Return which reminder the action should get today ("before7", "before1", "overdue1" …), if any."""
    left = (action.due_on - today).days
    sent = set(action.reminders_sent)
    if left < 0:
        late = -left
        for number, day in enumerate(OVERDUE_DAYS, start=1):
            key = f"overdue{number}"
            following = OVERDUE_DAYS[number] if number < len(OVERDUE_DAYS) else day + 7
            if key not in sent and day <= late < following:
                return key
        return None
    if left <= 1:
        return None if "before1" in sent else "before1"
    if left <= 7 and "before7" not in sent:
        return "before7"
    return None


@transaction.atomic
def remind_action(*, action: ActionItem, today: datetime.date) -> str | None:
    """Send the reminder due today to the action's owners (once: the key is recorded)."""
    from secon.governance.emails import queue_action_reminder

    action = ActionItem._base_manager.select_for_update().get(pk=action.pk)
    if action.status not in PENDING_ACTIONS:
        return None
    key = reminder_due(action, today)
    if key is None:
        return None
    for user in owners_of(action):
        queue_action_reminder(action=action, user=user, kind=key)
    action.reminders_sent = [*action.reminders_sent, key]
    if key.startswith("overdue"):
        action.overdue_reminders += 1
    action.save(update_fields=["reminders_sent", "overdue_reminders"])
    return key
