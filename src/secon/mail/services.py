"""Queue e-mails (a worker renders and sends them) and send failed ones again."""

import contextlib
import contextvars
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.core import tasks
from secon.core.audit import record_change, snapshot
from secon.core.models import Job
from secon.core.permissions import require
from secon.mail.models import Email
from secon.mail.tasks import deliver_email

_held: contextvars.ContextVar[list | None] = contextvars.ContextVar("secon_mail_held", default=None)


def queue_email(*, project_id: int, kind: str, recipient: str, language: str, params: dict) -> Email | None:
    """Record an e-mail; a worker renders it (in ``language``) and sends it after the commit.

    The caller's request only writes a few rows: a failing mail server can never fail it.
    """
    held = _held.get()
    if held is not None:
        held.append((kind, recipient))
        return None
    email = Email.objects.create(
        project_id=project_id, kind=kind, recipient=recipient, language=language, params=params
    )
    deliver_email.enqueue(email_id=email.pk, project_id=project_id)
    return email


def jobs_of(email: Email):
    """Return the background tasks that delivered (or deliver) the e-mail."""
    return Job.objects.filter(task=deliver_email.name, kwargs__email_id=email.pk)


@contextlib.contextmanager
def held_back() -> Iterator[list]:
    """Queue nothing inside the block (e.g. loading the demo, whose people are made up).

    Yields the list of (kind, recipient) that were not queued.
    """
    held: list = []
    token = _held.set(held)
    try:
        yield held
    finally:
        _held.reset(token)


def send_again(*, actor, email: Email) -> Email:
    """Queue a failed (or still failing) e-mail again, at once; coordinators of its project."""
    require(actor, "mail.resend_email", email.project)
    with transaction.atomic():
        locked = Email.objects.select_for_update().get(pk=email.pk)
        if not locked.may_be_sent_again:
            raise ValidationError(_("This e-mail is not waiting to be sent again."))
        before = snapshot(locked)
        for waiting in jobs_of(locked).filter(status__in=[Job.Status.QUEUED, Job.Status.RETRYING]):
            tasks.cancel(waiting.pk, reason="sent again by hand")
        locked.status = Email.Status.QUEUED
        locked.resends += 1
        locked.next_attempt_at = None
        locked.save(update_fields=["status", "resends", "next_attempt_at"])
        deliver_email.enqueue(
            email_id=locked.pk, key=f"email:{locked.pk}:again:{locked.resends}", project_id=locked.project_id
        )
        record_change(
            actor=actor, instance=locked, action="update", before=before, project_id=locked.project_id
        )
    return locked
