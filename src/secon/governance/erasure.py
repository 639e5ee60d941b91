"""What an erased account leaves on the committees: its holdings end today (a holding that has not
started yet is removed); its ballots, attendance and the seat's history stay, under the anonymised
account (see ``accounts/erasure.py``)."""

from django.db.models import Q
from django.utils import timezone

from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry
from secon.governance.models import SeatHolder


def end_holdings_of_erased_account(user) -> None:
    today = timezone.localdate()
    holdings = SeatHolder._base_manager.select_for_update().filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=today), user=user
    )
    for holder in holdings:
        before = snapshot(holder)
        if holder.valid_from > today:
            record_change(
                actor=None,
                instance=holder,
                action=AuditEntry.Action.DELETE,
                before=before,
                project_id=holder.project_id,
            )
            holder.delete()
            continue
        holder.valid_until = today
        holder.save(update_fields=["valid_until"])
        record_change(
            actor=None,
            instance=holder,
            action=AuditEntry.Action.UPDATE,
            before=before,
            project_id=holder.project_id,
        )
