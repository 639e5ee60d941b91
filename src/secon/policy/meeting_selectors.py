"""Reads of the stakeholder groups' meetings and of each member organisation's participation.

Participation is read from the events' attendance records (people checked in), and counted by
organisation record, never by the organisation name typed at registration: the organisation the
person represented at the meeting (stored on the registration), not the one they belong to today.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from secon.events.models import Attendance
from secon.policy.models import PolicyInstrument, StakeholderMeeting


def list_meetings(*, instrument: PolicyInstrument) -> list[StakeholderMeeting]:
    """The group's meetings, latest first, each with the number of people who attended, the
    instruments discussed, the organisations invited, its session (times) and venues (6 queries)."""
    return list(
        StakeholderMeeting.objects.filter(instrument=instrument)
        .select_related("event")
        .prefetch_related("instruments__partner", "invited", "event__sessions", "event__venues")
        .annotate(
            attended=Count(
                "event__registrations__person",
                filter=Q(event__registrations__attendances__isnull=False),
                distinct=True,
            )
        )
        .order_by("-event__start_date", "-pk")
    )


@dataclass
class Participation:
    """One organisation's record in the group: the meetings its people attended, and who."""

    organisation_id: int | None
    name: str
    is_member: bool = False
    meetings: dict = field(default_factory=dict)  # event id → set of names

    @property
    def count(self) -> int:
        return len(self.meetings)


def participation_history(
    *, instrument: PolicyInstrument, members: list, meetings: list[StakeholderMeeting]
) -> list[Participation]:
    """Per organisation (members first), the meetings its people attended (1 query).

    ``members``: the group's members (``selectors.list_stakeholders``); ``meetings``: its meetings
    (:func:`list_meetings`). People without an organisation are left out.
    """
    rows = (
        Attendance.objects.filter(
            registration__event__stakeholder_meeting__instrument=instrument,
            registration__organisation__isnull=False,
        )
        .values_list(
            "registration__organisation_id",
            "registration__organisation__name",
            "registration__event_id",
            "registration__person__first_name",
            "registration__person__last_name",
        )
        .distinct()
    )
    history: dict[int, Participation] = {}
    for member in members:
        if member.organisation_id and member.organisation_id not in history:
            history[member.organisation_id] = Participation(
                member.organisation_id, member.organisation.name, is_member=True
            )
    for organisation_id, name, event_id, first, last in rows:
        entry = history.setdefault(organisation_id, Participation(organisation_id, name))
        entry.meetings.setdefault(event_id, set()).add(f"{first} {last}".strip())
    order = {meeting.event_id: position for position, meeting in enumerate(meetings)}
    for entry in history.values():
        entry.rows = [
            {"meeting": meetings[order[event_id]], "people": sorted(names)}
            for event_id, names in sorted(entry.meetings.items(), key=lambda item: order.get(item[0], 0))
            if event_id in order
        ]
    return sorted(history.values(), key=lambda e: (not e.is_member, -e.count, e.name))
