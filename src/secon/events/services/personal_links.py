"""Send a person their lost personal links again, by e-mail only.

The page that asks always gives the same answer, whether the address is known or not; the e-mail goes
to the address itself, so only its owner learns the links. Two limits keep it from being abused: one
e-mail per address every ``RESEND_INTERVAL`` (a stranger cannot flood someone's inbox; counted on the
e-mail records, so it survives restarts), and ``REQUESTS_PER_CLIENT`` requests per network address and
hour (counted in the shared cache).
"""

import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from secon.events.change_emails import queue_personal_links
from secon.events.links import registrations_with_links
from secon.mail.selectors import has_emailed

RESEND_INTERVAL = datetime.timedelta(minutes=10)
REQUESTS_PER_CLIENT = 10
KIND = "events.personal_links"


def _client_over_limit(client: str) -> bool:
    key = f"secon:personal-links:{client or 'unknown'}"
    if cache.add(key, 1, timeout=3600):
        return False
    try:
        return cache.incr(key) > REQUESTS_PER_CLIENT
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return False


@transaction.atomic
def send_personal_links(*, email: str, client: str = "", now: datetime.datetime | None = None) -> bool:
    """Queue an e-mail with the personal links of the address's registrations, one per project.

    No permission needed (anyone may ask; only the address's owner reads the answer). Returns False
    when the client asked too often (nothing is done), True otherwise — also when the address is
    unknown or was sent its links a moment ago, which the caller must not reveal.
    """
    now = now or timezone.now()
    if _client_over_limit(client):
        return False
    email = email.strip().lower()
    if has_emailed(kind=KIND, address=email, since=now - RESEND_INTERVAL):
        return True
    found = list(registrations_with_links(email=email, now=now)[:50])
    projects = {}
    for registration in found:
        projects.setdefault(registration.project_id, registration)
    for latest in projects.values():
        queue_personal_links(registration=latest)
    return True
