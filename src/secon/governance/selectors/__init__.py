"""Reads of the governance app; each runs a fixed number of queries, whatever the number of rows."""

from secon.governance.selectors.committees import (
    agenda_minutes,
    event_sessions,
    flat_agenda,
    free_partners,
    get_committee,
    get_holder,
    get_item,
    get_meeting,
    get_paper,
    get_seat,
    list_committees,
    list_meetings,
    list_seats,
    my_holdings,
    next_meeting,
    project_members,
    project_partners,
)
from secon.governance.selectors.presence import Presence, meeting_presence
from secon.governance.selectors.votes import get_vote, list_votes

__all__ = [
    "Presence",
    "agenda_minutes",
    "event_sessions",
    "flat_agenda",
    "free_partners",
    "get_committee",
    "get_holder",
    "get_item",
    "get_meeting",
    "get_paper",
    "get_seat",
    "get_vote",
    "list_committees",
    "list_meetings",
    "list_seats",
    "list_votes",
    "meeting_presence",
    "my_holdings",
    "next_meeting",
    "project_members",
    "project_partners",
]
