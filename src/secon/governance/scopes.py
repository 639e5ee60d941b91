"""The committee's records are on no cached page: its pages are for its members, and the public
register of decisions is rendered for each request."""

from secon.core import cache
from secon.governance import models

for _model in (
    models.ActionItem,
    models.AgendaItem,
    models.Ballot,
    models.Committee,
    models.CommitteeDefaults,
    models.Decision,
    models.Meeting,
    models.MeetingAttendance,
    models.Minutes,
    models.MinutesComment,
    models.MinutesVersion,
    models.NumberSeries,
    models.Paper,
    models.Seat,
    models.SeatHolder,
    models.Vote,
    models.WrittenProcedure,
):
    cache.not_on_cached_pages(_model, reason="no page of the committee is cached")
