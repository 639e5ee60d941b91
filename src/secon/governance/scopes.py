"""The committee's records are on no cached page: its pages are for its members, and the public
register of decisions is rendered for each request."""

from secon.core import cache
from secon.governance.models import (
    ActionItem,
    AgendaItem,
    Ballot,
    Committee,
    CommitteeDefaults,
    Decision,
    Meeting,
    MeetingAttendance,
    Minutes,
    MinutesComment,
    MinutesVersion,
    NumberSeries,
    Paper,
    Seat,
    SeatHolder,
    Vote,
    WrittenProcedure,
)

for _model in (
    ActionItem,
    AgendaItem,
    Ballot,
    Committee,
    CommitteeDefaults,
    Decision,
    Meeting,
    MeetingAttendance,
    Minutes,
    MinutesComment,
    MinutesVersion,
    NumberSeries,
    Paper,
    Seat,
    SeatHolder,
    Vote,
    WrittenProcedure,
):
    cache.not_on_cached_pages(_model, reason="no page of the committee is cached")
