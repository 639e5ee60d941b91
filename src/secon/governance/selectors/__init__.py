"""Reads of the governance app; each runs a fixed number of queries, whatever the number of rows."""

from secon.governance.selectors.actions import (
    get_action,
    list_actions,
    my_actions,
    overdue_by_partner,
    pending_actions,
)
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
from secon.governance.selectors.decisions import get_decision, list_decisions
from secon.governance.selectors.presence import Presence, meeting_presence
from secon.governance.selectors.votes import get_vote, list_votes

__all__ = [
    "Presence",
    "agenda_minutes",
    "event_sessions",
    "flat_agenda",
    "free_partners",
    "get_action",
    "get_committee",
    "get_decision",
    "get_holder",
    "get_item",
    "get_meeting",
    "get_paper",
    "get_seat",
    "get_vote",
    "list_actions",
    "list_committees",
    "list_decisions",
    "list_meetings",
    "list_seats",
    "list_votes",
    "meeting_presence",
    "my_actions",
    "my_holdings",
    "next_meeting",
    "overdue_by_partner",
    "pending_actions",
    "project_members",
    "project_partners",
]
