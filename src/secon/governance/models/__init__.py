"""The governance records, one module per concept; imported from here."""

from secon.governance.models.actions import ActionItem
from secon.governance.models.decisions import Decision, NumberSeries
from secon.governance.models.defaults import CommitteeDefaults
from secon.governance.models.meetings import AgendaItem, Committee, Meeting, Paper, Seat, SeatHolder
from secon.governance.models.minutes import Minutes, MinutesComment, MinutesVersion
from secon.governance.models.procedures import WrittenProcedure
from secon.governance.models.votes import Ballot, MeetingAttendance, Vote

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Ballot",
    "Committee",
    "CommitteeDefaults",
    "Decision",
    "Meeting",
    "MeetingAttendance",
    "Minutes",
    "MinutesComment",
    "MinutesVersion",
    "NumberSeries",
    "Paper",
    "Seat",
    "SeatHolder",
    "Vote",
    "WrittenProcedure",
]
