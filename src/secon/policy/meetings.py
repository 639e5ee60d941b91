"""Meetings of a regional stakeholder group: events of the kind "stakeholder group meeting".

The meeting is an event of the events app (its agenda, registration, check-in and attendance sheets
are the event's), hosted by the instrument's partner so that the partner's editors organise it; the
link to the group's instrument lives here, since policy comes after events. Who edits the
instrument schedules its group's meetings.
"""

import datetime

from django.db import transaction
from django.utils.text import slugify

from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.events.enums import EventKind, EventStatus
from secon.events.models import Event
from secon.events.services import agenda
from secon.policy.models import PolicyInstrument, StakeholderMeeting


def _free_slug(project_id: int, base: str) -> str:
    base = slugify(base)[:70] or "stakeholder-group"
    taken = set(
        Event.objects.filter(project_id=project_id, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def schedule_meeting(
    *,
    actor,
    instrument: PolicyInstrument,
    title: dict,
    start_date: datetime.date,
    time_zone: str,
    end_date: datetime.date | None = None,
    city: str = "",
    country: str = "",
    description: dict | None = None,
    is_public: bool = False,
    status: str = EventStatus.PUBLISHED,
) -> StakeholderMeeting:
    """Create the event of a group meeting (by invitation unless ``is_public``) and link it to the group."""
    instrument = PolicyInstrument._base_manager.select_related("partner").get(pk=instrument.pk)
    require(actor, "policy.edit_instrument", instrument)
    event = agenda.create_event(
        actor=actor,
        project=instrument.project,
        slug=_free_slug(instrument.project_id, f"stakeholder-group-{instrument.partner.code}-{start_date}"),
        kind=EventKind.STAKEHOLDER_GROUP,
        title=title,
        description=description or {},
        start_date=start_date,
        end_date=end_date or start_date,
        time_zone=time_zone,
        city=(city or "").strip(),
        country=(country or "").strip().upper(),
        host_partner=instrument.partner,
        is_public=is_public,
        status=status,
    )
    meeting = StakeholderMeeting.objects.create(
        project_id=instrument.project_id, instrument=instrument, event=event
    )
    record_change(
        actor=actor, instance=meeting, action=AuditEntry.Action.CREATE, project_id=meeting.project_id
    )
    return meeting
