"""Send a person their lost personal links again, by e-mail only.

The page that asks always gives the same answer, whether the address is known or not, after the same
work (one background task queued; the task looks the address up); the e-mail goes to the address
itself, so only its owner learns the links. Two limits keep it from being abused: one
e-mail per address every ``RESEND_INTERVAL`` (a stranger cannot flood someone's inbox; counted on the
e-mail records, so it survives restarts), and ``REQUESTS_PER_CLIENT`` requests per network address and
hour (counted in the shared cache).
"""

import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from secon.events.tasks import RESEND_INTERVAL, look_up_personal_links

__all__ = ["REQUESTS_PER_CLIENT", "RESEND_INTERVAL", "send_personal_links"]

REQUESTS_PER_CLIENT = 10


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
    """Have a worker e-mail the address the personal links of its registrations, one per project.

    No permission needed (anyone may ask; only the address's owner reads the answer). Returns False
    when the client asked too often (nothing is done), True otherwise. Known address or not, the
    request does the same work and leaves the same trace — one queued task, no lookup of the address
    (:func:`secon.events.tasks.look_up_personal_links` does that later) — so neither the answer, nor
    its timing, nor anything it writes tells the requester whether the address is registered.
    """
    now = now or timezone.now()
    if _client_over_limit(client):
        return False
    look_up_personal_links.enqueue(email=email.strip().lower(), asked_at=now.isoformat())
    return True
