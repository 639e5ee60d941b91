"""The governance records, one module per concept; imported from here."""

from secon.governance.models.meetings import AgendaItem, Committee, Meeting, Paper, Seat, SeatHolder
from secon.governance.models.votes import Ballot, MeetingAttendance, Vote

__all__ = [
    "AgendaItem",
    "Ballot",
    "Committee",
    "Meeting",
    "MeetingAttendance",
    "Paper",
    "Seat",
    "SeatHolder",
    "Vote",
]
