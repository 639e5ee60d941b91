"""Background work of the events app: deleting registrations never confirmed by their address, and
looking up the registrations of an address that asked for its personal links again."""

import datetime

from django.utils import timezone

from secon.core.tasks import background, recurring
from secon.events.change_emails import queue_personal_links
from secon.events.holds import HOLD_DAYS, HeldRegistration
from secon.events.links import registrations_with_links
from secon.mail.selectors import has_emailed

#: At most one e-mail of personal links per address in this time (a stranger cannot flood an inbox).
RESEND_INTERVAL = datetime.timedelta(minutes=10)
PERSONAL_LINKS = "events.personal_links"


@recurring("events.purge-expired-holds", every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=2))
@background(max_attempts=3)
def purge_expired_holds() -> int:
    """Delete the form data of held registrations whose confirmation link has expired."""
    cutoff = timezone.now() - datetime.timedelta(days=HOLD_DAYS)
    deleted, _ = HeldRegistration.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@background(max_attempts=3)
def look_up_personal_links(*, email: str, asked_at: str) -> int:
    """Queue the address's personal links, one e-mail per project; nothing for an unknown address.

    Runs in a worker, so that the request asking for them does the same whoever owns the address.
    Nothing either when the address was sent its links less than ``RESEND_INTERVAL`` before.
    """
    now = datetime.datetime.fromisoformat(asked_at)
    if has_emailed(kind=PERSONAL_LINKS, address=email, since=now - RESEND_INTERVAL):
        return 0
    projects = {}
    for registration in registrations_with_links(email=email, now=now)[:50]:
        projects.setdefault(registration.project_id, registration)
    for latest in projects.values():
        queue_personal_links(registration=latest)
    return len(projects)
