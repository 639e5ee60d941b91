"""Suppressed addresses: which e-mails still go to an address that hard-bounced or complained.

The rule lives here, once, and every app's e-mails pass through it (``services.queue_email`` when an
e-mail is queued, ``tasks.deliver_email`` again just before it is sent, as a bounce may arrive in
between). While an address is suppressed (:class:`~secon.mail.models.Suppression`):

- **still sent**: what a person needs for what they are doing themselves at that moment — the kinds
  whose renderer says ``own_action=True``: the confirmation of an event registration they just made
  (``events.confirmation``), the link to confirm an address they registered with (``events.hold``),
  their personal links they asked for again (``events.personal_links``) and the export of their data
  they asked for (``events.data_export``). The account e-mails of django-allauth (confirming an
  address, resetting a password, sign-in codes) do not go through this queue and are always sent: a
  person locked out of their account could not fix anything else either.
- **not sent**: everything else — newsletters and the confirmation of a new subscription (more of
  the mail they complained about), organisers' messages and announcements, notices of changes,
  waiting-list news, committee notices, reminders and procedures, review notifications. Such an
  e-mail is recorded with the status "suppressed" (its sender sees it) and no worker sends it.

A coordinator lifts a suppression with a reason (``services.lift_suppression``, audited); the
e-mails held back meanwhile stay unsent.
"""

from django.db.models import QuerySet

from secon.mail.models import Suppression
from secon.mail.rendering import OWN_ACTION


def normalise(address: str) -> str:
    """The form an address is suppressed under: without surrounding blanks, lower-cased."""
    return (address or "").strip().lower()


def active_suppressions() -> QuerySet[Suppression]:
    return Suppression.objects.filter(lifted_at__isnull=True)


def is_suppressed(address: str) -> bool:
    """Tell whether mail to ``address`` is suppressed now (one query)."""
    return active_suppressions().filter(address=normalise(address)).exists()


def is_withheld(*, kind: str, recipient: str) -> bool:
    """Tell whether an e-mail of ``kind`` must not go to ``recipient`` (see the module's text)."""
    return kind not in OWN_ACTION and is_suppressed(recipient)
