"""Queue e-mails (a worker renders and sends them) and send failed ones again."""

import contextlib
import contextvars
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core import tasks
from secon.core.audit import audited, record_change, snapshot
from secon.core.models import Job
from secon.core.permissions import require
from secon.mail.models import Email, Suppression
from secon.mail.suppression import is_withheld, normalise
from secon.mail.tasks import deliver_email
from secon.projects.models import Project

_held: contextvars.ContextVar[list | None] = contextvars.ContextVar("secon_mail_held", default=None)


def queue_email(*, project_id: int, kind: str, recipient: str, language: str, params: dict) -> Email | None:
    """Record an e-mail; a worker renders it (in ``language``) and sends it after the commit.

    The caller's request only writes a few rows: a failing mail server can never fail it.
    """
    held = _held.get()
    if held is not None:
        held.append((kind, recipient))
        return None
    if is_withheld(kind=kind, recipient=recipient):
        # Recorded, so its sender sees it was not sent and why; no worker is asked to send it.
        return Email.objects.create(
            project_id=project_id,
            kind=kind,
            recipient=recipient,
            language=language,
            params=params,
            status=Email.Status.SUPPRESSED,
        )
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
        # A coordinator's decision: an e-mail whose outcome was unknown is handed over anew.
        locked.handed_over_at = None
        locked.stuck_requeues = 0  # the upkeep may queue it again as often as a new e-mail
        locked.save(
            update_fields=["status", "resends", "next_attempt_at", "handed_over_at", "stuck_requeues"]
        )
        deliver_email.enqueue(
            email_id=locked.pk, key=f"email:{locked.pk}:again:{locked.resends}", project_id=locked.project_id
        )
        record_change(
            actor=actor, instance=locked, action="update", before=before, project_id=locked.project_id
        )
    return locked


@transaction.atomic
def suppress_address(*, address: str, reason: str) -> bool:
    """Suppress an address the mail service reported (a hard bounce or a complaint), in every project.

    Called by the mail service's webhook, not by a person (the audit log records no actor). Returns
    whether something changed: an address suppressed already stays as it is (a complaint after a
    bounce keeps the first reason); one whose suppression was lifted is suppressed again.
    """
    address = normalise(address)
    found = Suppression.objects.select_for_update().filter(address=address).first()
    if found is None:
        found = Suppression.objects.create(address=address, reason=reason)
        record_change(actor=None, instance=found, action="create")
        return True
    if found.is_active:
        return False
    with audited(actor=None, instance=found, project_id=None):
        found.reason, found.suppressed_at = reason, timezone.now()
        found.lifted_at, found.lifted_by, found.lift_reason = None, None, ""
        found.save(update_fields=["reason", "suppressed_at", "lifted_at", "lifted_by", "lift_reason"])
    return True


def lift_suppression(*, actor, project: Project, suppression: Suppression, reason: str) -> Suppression:
    """Let mail go to a suppressed address again (its owner fixed the mailbox, or asked to receive it).

    Coordinators of a project that has mailed the address; the reason is required and kept with the
    record and in the audit log. The e-mails held back meanwhile stay unsent.
    """
    require(actor, "mail.lift_suppression", project)
    if not Email.objects.filter(project=project, recipient__iexact=suppression.address).exists():
        raise PermissionDenied(_("You are not allowed to do this."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say why mail may go to this address again.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _("Keep the reason under 1000 characters.")})
    with transaction.atomic():
        locked = Suppression.objects.select_for_update().get(pk=suppression.pk)
        if not locked.is_active:
            raise ValidationError(_("This address is not suppressed any more."))
        with audited(actor=actor, instance=locked, project_id=project.pk):
            locked.lifted_at, locked.lifted_by, locked.lift_reason = timezone.now(), actor, reason
            locked.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    return locked
