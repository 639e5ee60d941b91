"""Who may open a session's materials (registered with core.media in ``ready()``)."""

from secon.core.media import register_media
from secon.events.enums import Visibility
from secon.events.models import Session
from secon.events.selectors import SHOWN_STATUSES


def is_public(session: Session) -> bool:
    """Public sessions of events shown on the public site, in projects shown there."""
    event = session.event
    return (
        session.visibility == Visibility.PUBLIC and event.status in SHOWN_STATUSES and event.project.is_public
    )


def may_see(user, session: Session) -> bool:
    """Otherwise the event's organisers."""
    return user.has_perm("events.manage_event", session.event)


register_media(
    prefix="events/materials/",
    model=Session,
    field="materials_file",
    is_public=is_public,
    may_see=may_see,
    select_related=("event__project",),
)
