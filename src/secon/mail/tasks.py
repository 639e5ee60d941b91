"""The worker side of e-mail: render in the recipient's language, send, record the outcome.

Retried when that is safe, never sent twice. An e-mail goes queued → sending (claimed, with the
job's attempt as ``claim``) → handed over (``handed_over_at``, written just before the mail server is
spoken to) → sent:

- a failure before the hand-over — a transient SMTP error or a database error such as SQLite's
  "database is locked" under a burst — is retried with the e-mail policy's backoff; a retry of the
  same job may take over its own earlier claim;
- a failure of the mail server clears the hand-over (the server did not take the e-mail);
- once the server took the e-mail, recording it as sent is tried again a few times with short
  pauses (:func:`secon.core.smtp.record_after_hand_over`, shared with the account e-mails); if the
  database still refuses, the attempt fails with :class:`SentButNotRecorded` and whatever runs next
  (the job's failure handler, its retry, or this process) records it as sent without sending it
  again;
- an e-mail found handed over with no recorded outcome (a worker killed while talking to the
  server) is never sent again by a worker: it is marked failed, saying it may have been sent, and a
  coordinator decides whether to send it again;
- an e-mail a job left "sending" with no job to take it up again (its last attempt failed while the
  database was still busy, so its failure handler could not write; or its worker stopped on the last
  attempt) is queued again or settled by the recurring upkeep in :mod:`secon.mail.upkeep`.
"""

import contextlib
import logging
import uuid
from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation

from secon.core.smtp import EMAIL_RETRIES, may_retry_email, record_after_hand_over
from secon.core.tasks import PermanentError, background, current_job
from secon.mail.models import Email
from secon.mail.rendering import RENDERERS
from secon.mail.suppression import is_withheld

logger = logging.getLogger("secon.mail")

#: An e-mail left "being sent" this long by a worker that stopped is claimed again.
SENDING_LEASE = timedelta(minutes=5)
#: What the e-mail records when a worker stopped after handing it over and its outcome is unknown: a
#: code, shown in the reader's language ("it may have been sent", :attr:`Email.known_error`).
UNKNOWN_OUTCOME = Email.KnownError.UNKNOWN_OUTCOME

#: E-mails this process handed over but could not record as sent (id → when): a later attempt
#: in this process records them without asking the job's history.
_sent_unrecorded: dict[int, datetime] = {}


class SentButNotRecorded(Exception):
    """The mail server took the e-mail, but the database refused to record it: never send it again."""

    def __init__(self, email_id: int, sent_at: datetime, error: BaseException):
        super().__init__(
            f"the mail server took e-mail {email_id} at {sent_at.isoformat(timespec='seconds')}, "
            f"but the database did not record it: {error}"
        )
        self.email_id, self.sent_at = email_id, sent_at


def may_retry(error: BaseException) -> bool:
    """The e-mail policy's predicate, and an e-mail sent but not recorded (the retry records it)."""
    return may_retry_email(error) or isinstance(error, SentButNotRecorded)


def record_error(*, job, error: BaseException, retry_at: datetime | None) -> None:
    """After a failed attempt: show the e-mail as failing (retry planned) or failed; or as sent."""
    email_id = job.kwargs.get("email_id")
    if isinstance(error, SentButNotRecorded):
        if _mark_sent(email_id, sent_at=error.sent_at):
            _sent_unrecorded.pop(email_id, None)
        return
    Email.objects.filter(pk=email_id, status=Email.Status.SENDING, handed_over_at__isnull=True).update(
        status=Email.Status.FAILING if retry_at else Email.Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=retry_at,
        claimed_at=None,
    )


@background(**{**EMAIL_RETRIES, "retry_if": may_retry}, on_error=record_error)
def deliver_email(*, email_id: int) -> str:
    """Claim the e-mail, render it in its recipient's language and send it (once)."""
    job = current_job()
    token = f"job:{job.pk}:{job.attempts}" if job is not None else f"call:{uuid.uuid4().hex}"
    try:
        prepared = _claim_and_render(email_id, token=token, job=job)
    except OperationalError as error:
        logger.warning(
            "e-mail %s was not handed to the mail server: the database was busy (%s); it will be tried again",
            email_id,
            error,
        )
        raise
    if isinstance(prepared, str):
        return prepared
    message = prepared
    # From here on the e-mail may reach its recipient: no retry may send it again.
    if not Email.objects.filter(
        pk=email_id, status=Email.Status.SENDING, claim=token, handed_over_at__isnull=True
    ).update(handed_over_at=timezone.now()):
        return "skipped"  # another worker took the e-mail over (this claim had gone stale)
    try:
        message.send()
    except Exception:
        # The server did not take it: it may be sent again (the failure is recorded by record_error).
        # If even that fails (logged), the e-mail stays "handed over" and is not sent again by a worker.
        with contextlib.suppress(OperationalError):
            record_after_hand_over(
                lambda: Email.objects.filter(pk=email_id, status=Email.Status.SENDING, claim=token).update(
                    handed_over_at=None
                ),
                what=f"e-mail {email_id} as not taken by the mail server",
                logger=logger,
            )
        raise
    sent_at = timezone.now()
    try:
        record_after_hand_over(
            lambda: _mark_sent(email_id, sent_at=sent_at, claim=token),
            what=f"e-mail {email_id} as sent",
            logger=logger,
        )
    except OperationalError as error:
        _sent_unrecorded[email_id] = sent_at
        raise SentButNotRecorded(email_id, sent_at, error) from error
    return "sent"


def _claim_and_render(email_id: int, *, token: str, job) -> EmailMultiAlternatives | str:
    """Claim the e-mail and build the message, or return the outcome when there is nothing to send."""
    now = timezone.now()
    taken_over = Q(claimed_at__lt=now - SENDING_LEASE)
    if job is not None:
        taken_over |= Q(claim__startswith=f"job:{job.pk}:")  # an earlier attempt of this job
    claimed = (
        Email.objects.filter(pk=email_id)
        .filter(
            Q(status__in=[Email.Status.QUEUED, Email.Status.FAILING])
            | (Q(status=Email.Status.SENDING) & taken_over)
        )
        .update(status=Email.Status.SENDING, claimed_at=now, claim=token, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"  # sent already, or another worker is sending it
    email = Email.objects.get(pk=email_id)
    if email.handed_over_at is not None:
        return _settle_handed_over(email, job=job)
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
    return message


def _settle_handed_over(email: Email, *, job) -> str:
    """An earlier attempt handed the e-mail over and recorded no outcome: record one, send nothing."""
    sent_at = _sent_unrecorded.pop(email.pk, None)
    if sent_at is None and job is not None and job.error.startswith(SentButNotRecorded.__name__):
        sent_at = email.handed_over_at  # the earlier attempt of this job knew it was sent
    if sent_at is not None:
        _mark_sent(email.pk, sent_at=sent_at)
        return "sent"
    record_unknown_outcome(Email.objects.filter(pk=email.pk))
    logger.error("e-mail %s: handed over by a worker that stopped; not sent again", email.pk)
    return "unknown"


def _mark_sent(email_id: int, *, sent_at: datetime, claim: str | None = None) -> int:
    rows = Email.objects.filter(pk=email_id)
    if claim is not None:
        rows = rows.filter(claim=claim)
    return record_sent(rows, sent_at=sent_at)


def record_sent(rows: QuerySet[Email], *, sent_at: datetime) -> int:
    """Record as sent those of ``rows`` still being sent and handed over; return how many."""
    return rows.filter(status=Email.Status.SENDING, handed_over_at__isnull=False).update(
        status=Email.Status.SENT, sent_at=sent_at, error="", next_attempt_at=None, claimed_at=None
    )


def record_unknown_outcome(rows: QuerySet[Email]) -> int:
    """Record that those of ``rows`` still being sent may have been sent: failed, never sent again."""
    return record_failed(rows, error=UNKNOWN_OUTCOME)


def record_failed(rows: QuerySet[Email], *, error: Email.KnownError) -> int:
    """Fail for good those of ``rows`` still being sent, with a known error; return how many."""
    return rows.filter(status=Email.Status.SENDING).update(
        status=Email.Status.FAILED, error=error, next_attempt_at=None, claimed_at=None
    )
