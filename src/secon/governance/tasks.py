"""Background work of governance: action reminders; written procedures' reminders and closing."""

import datetime

from django.utils import timezone

from secon.core.permissions import SYSTEM
from secon.core.tasks import background, recurring
from secon.governance.enums import PENDING_ACTIONS, ProcedureStatus
from secon.governance.models import ActionItem, WrittenProcedure
from secon.governance.services import procedures
from secon.governance.services.actions import OVERDUE_DAYS, remind_action


@recurring(
    "governance.action-reminders", every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=6)
)
@background(max_attempts=3)
def send_action_reminders(*, today: str | None = None) -> dict:
    """Remind the owners of pending actions due in 7 days, tomorrow, or overdue (weekly, at most 4 times)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    window = day + datetime.timedelta(days=7)
    last_overdue = day - datetime.timedelta(days=OVERDUE_DAYS[-1] + 7)
    candidates = ActionItem._base_manager.filter(
        status__in=PENDING_ACTIONS, due_on__lte=window, due_on__gte=last_overdue, overdue_reminders__lt=4
    ).values_list("pk", flat=True)
    sent = {}
    for pk in list(candidates):
        key = remind_action(action=ActionItem._base_manager.get(pk=pk), today=day)
        if key:
            sent[key] = sent.get(key, 0) + 1
    return sent


@recurring("governance.written-procedures", every=datetime.timedelta(minutes=5))
@background(max_attempts=3)
def run_written_procedures(*, now: str | None = None) -> dict:
    """Close the written procedures whose deadline has come; remind the seats 72 h and 24 h before it."""
    moment = datetime.datetime.fromisoformat(now) if now else timezone.now()
    due = WrittenProcedure._base_manager.filter(
        status=ProcedureStatus.OPEN, deadline__lte=moment + procedures.REMINDERS[0][1]
    ).order_by("deadline")
    done = {"closed": 0, "reminded": 0}
    for procedure in list(due):
        if procedure.deadline <= moment:
            procedures.close_procedure(actor=SYSTEM, procedure=procedure, now=moment)
            done["closed"] += 1
        elif procedures.remind_procedure(procedure=procedure, now=moment):
            done["reminded"] += 1
    return done
