"""Bounces and complaints: an address that cannot receive mail, or whose owner marked it as spam,
is suppressed in the mail layer (no e-mail of any app but what the person needs for their own action
goes to it: :mod:`secon.mail.suppression`) and its newsletter subscriptions end (in every project) —
the campaigns skip it and subscribing again sends no confirmation until a coordinator lifts it.

Called by the webhook of the mail service (``views/hooks.py``), which parses the provider's
notification into :class:`MailEvent` items. A soft bounce (a full mailbox, a server down for a
while) suppresses nothing: the next newsletter may well arrive.
"""

import dataclasses

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from secon.communications.models import Subscriber
from secon.core.audit import audited
from secon.mail.services import suppress_address
from secon.projects.tenancy import scopes_disabled

#: The subscriptions a bounce or complaint ends (others are over already).
RECEIVING = (Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED)


@dataclasses.dataclass(frozen=True)
class MailEvent:
    """One notification: ``kind`` is "bounce" or "complaint"; ``permanent`` tells a hard bounce."""

    kind: str
    email: str
    permanent: bool = True

    @property
    def suppresses(self) -> bool:
        return self.kind == "complaint" or (self.kind == "bounce" and self.permanent)


@transaction.atomic
def apply_mail_events(events: list[MailEvent]) -> int:
    """Suppress the addresses of hard bounces and complaints; return how many subscriptions ended.

    The caller is the mail service, not a person (the audit log records no actor). Unsubscribed and
    already suppressed subscriptions stay as they are; an unknown address changes nothing.
    """
    addresses = sorted({event.email.strip().lower() for event in events if event.suppresses})
    for event in events:
        if event.suppresses:
            suppress_address(address=event.email, reason=event.kind)
    changed = 0
    now = timezone.now()
    # An address bounces for every project alike: the notification names no project.
    with scopes_disabled():
        subscriptions = list(
            Subscriber.objects.select_for_update()
            .alias(address=Lower("email"))  # served by the index subscriber_email_idx
            .filter(address__in=addresses, status__in=RECEIVING)
        )
        for subscriber in subscriptions:
            with audited(actor=None, instance=subscriber, project_id=subscriber.project_id):
                subscriber.status = Subscriber.Status.SUPPRESSED
                subscriber.unsubscribed_at = now
                subscriber.save(update_fields=["status", "unsubscribed_at"])
            changed += 1
    return changed
