"""Retention of the e-mails the site sent (registered with core.retention in ``ready()``)."""

from secon.mail.models import Email

#: 12 months: long enough to answer "did you send me …?", short enough not to keep everyone's mail.
EMAIL_DAYS = 365
FINISHED = (Email.Status.SENT, Email.Status.FAILED, Email.Status.DROPPED)


def due(cutoff) -> int:
    return Email.objects.filter(created_at__lt=cutoff, status__in=FINISHED).count()


def purge(cutoff) -> int:
    deleted, _ = Email.objects.filter(created_at__lt=cutoff, status__in=FINISHED).delete()
    return deleted
