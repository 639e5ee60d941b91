"""What the events app adds to a good practice's public page (see ``practices/pages.py``)."""

from secon.events import selectors
from secon.practices.models import GoodPractice
from secon.practices.pages import Section


def practice_sessions_section(practice: GoodPractice) -> Section | None:
    """The public sessions where the practice was presented or visited (1 query), if any."""
    sessions = selectors.list_practice_sessions(practice=practice)
    if not sessions:
        return None
    return Section("events/_practice_sessions.html", {"event_sessions": sessions})
