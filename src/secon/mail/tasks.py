"""The worker side of e-mail: render in the recipient's language, send, record the outcome."""

import logging
from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone, translation

from secon.core.smtp import EMAIL_RETRIES
from secon.core.tasks import PermanentError, background
from secon.mail.models import Email
from secon.mail.rendering import RENDERERS
from secon.mail.suppression import is_withheld

logger = logging.getLogger("secon.mail")

#: An e-mail left "being sent" this long by a worker that stopped is claimed again.
SENDING_LEASE = timedelta(minutes=5)


def record_error(*, job, error: BaseException, retry_at: datetime | None) -> None:
    """After a failed attempt: show the e-mail as failing (retry planned) or failed."""
    Email.objects.filter(pk=job.kwargs.get("email_id"), status=Email.Status.SENDING).update(
        status=Email.Status.FAILING if retry_at else Email.Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=retry_at,
        claimed_at=None,
    )


@background(**EMAIL_RETRIES, on_error=record_error)
def deliver_email(*, email_id: int) -> str:
    """Claim the e-mail, render it in its recipient's language and send it."""
    now = timezone.now()
    claimed = (
        Email.objects.filter(pk=email_id)
        .filter(
            Q(status__in=[Email.Status.QUEUED, Email.Status.FAILING])
            | Q(status=Email.Status.SENDING, claimed_at__lt=now - SENDING_LEASE)
        )
        .update(status=Email.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"  # sent already, or another worker is sending it
    email = Email.objects.get(pk=email_id)
    if is_withheld(kind=email.kind, recipient=email.recipient):
        # The address bounced or complained after the e-mail was queued.
        Email.objects.filter(pk=email_id).update(status=Email.Status.SUPPRESSED, claimed_at=None)
        return "suppressed"
    render = RENDERERS.get(email.kind)
    if render is None:
        raise PermanentError(f"no renderer for e-mails of kind {email.kind}")
    with translation.override(email.language):
        rendered = render(**email.params)
    if rendered is None:
        Email.objects.filter(pk=email_id).update(status=Email.Status.DROPPED, claimed_at=None)
        return "dropped"
    subject = " ".join(rendered.subject.split())[:300]
    Email.objects.filter(pk=email_id).update(subject=subject)
    message = EmailMultiAlternatives(
        subject=subject, body=rendered.body, to=[email.recipient], headers=rendered.headers
    )
    if rendered.html:
        message.attach_alternative(rendered.html, "text/html")
    for name, content, mimetype in rendered.attachments:
        message.attach(name, content, mimetype)
    message.send()
    Email.objects.filter(pk=email_id, status=Email.Status.SENDING).update(
        status=Email.Status.SENT, sent_at=timezone.now(), error="", next_attempt_at=None, claimed_at=None
    )
    return "sent"
