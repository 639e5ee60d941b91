"""Background work of the events app: deleting registrations never confirmed by their address."""

import datetime

from django.utils import timezone

from secon.core.tasks import background, recurring
from secon.events.holds import HOLD_DAYS, HeldRegistration


@recurring("events.purge-expired-holds", every=datetime.timedelta(days=1), offset=datetime.timedelta(hours=2))
@background(max_attempts=3)
def purge_expired_holds() -> int:
    """Delete the form data of held registrations whose confirmation link has expired."""
    cutoff = timezone.now() - datetime.timedelta(days=HOLD_DAYS)
    deleted, _ = HeldRegistration.objects.filter(created_at__lt=cutoff).delete()
    return deleted
