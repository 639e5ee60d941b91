"""The worker side of account e-mails: allauth's (verification, password reset, notices) and invitations.

They are rendered in the request, in the recipient's language, and sent here, so that a mail server
that is down or slow never fails or delays a sign-up, a password reset or an invitation.

Retried like the project's e-mails (one policy, ``EMAIL_RETRIES`` in :mod:`secon.core.smtp`:
transient SMTP failures and database errors such as SQLite's "database is locked"), never sent
twice, and the text (which may hold a one-time link) is forgotten before the mail server gets it:

- the worker connects to the mail server, then replaces the job's stored arguments with who is
  written to, about what, and when it was handed over (``handed_over_at``); a database error there
  is retried, the text still stored;
- if the server does not take the e-mail, the text is stored again for the retry;
- after the hand-over (storing the text again, adding ``sent_at``) a busy database is met as the
  project's e-mails meet it: the write is tried again after short pauses
  (:func:`secon.core.smtp.record_after_hand_over`, one mechanism for both);
- once it took it, ``sent_at`` is added; if the database still refuses that, or the job's own record
  "succeeded", the text is gone anyway, and an attempt that runs again in this process knows it
  was sent; one in another process finds it handed over with no outcome and fails, saying it may
  have been sent (it is not sent again).
"""

import logging

from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import OperationalError
from django.utils import timezone

from secon.core.models import Job
from secon.core.smtp import EMAIL_RETRIES, record_after_hand_over
from secon.core.tasks import PermanentError, background, current_job

logger = logging.getLogger("secon.accounts")

#: What a job says when an earlier attempt handed its e-mail over and stopped before recording more.
UNKNOWN_OUTCOME = (
    "an earlier attempt handed this e-mail to the mail server and stopped before recording the "
    "outcome: it may have been sent; it was not sent again"
)

#: Jobs whose e-mail this process sent but could not record as sent.
_sent_unrecorded: set[int] = set()


@background(**EMAIL_RETRIES)
def send_account_email(
    *,
    to: list[str],
    subject: str,
    body: str = "",
    html: str = "",
    from_email: str = "",
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    handed_over_at: str = "",
    sent_at: str = "",
) -> str:
    """Send one rendered account e-mail (once), forgetting its text as it is handed over."""
    job = current_job()
    if sent_at or (job is not None and job.pk in _sent_unrecorded):
        _sent_unrecorded.discard(job.pk if job is not None else None)
        return "sent"  # an earlier attempt sent it
    if handed_over_at:
        raise PermanentError(UNKNOWN_OUTCOME)
    text = {"body": body, "html": html, "from_email": from_email, "reply_to": reply_to, "headers": headers}
    server = get_connection()
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email or None,
        to=to,
        reply_to=reply_to or None,
        headers=headers or {},
        connection=server,
    )
    if html:
        message.attach_alternative(html, "text/html")
    with server:  # a mail server that is down fails here, before anything is recorded
        forgotten = {"to": to, "subject": subject, "handed_over_at": timezone.now().isoformat()}
        if job is not None:
            _store(job, forgotten, what="as handed over")  # busy: retried, the text still stored
        # From here on the e-mail may reach its recipient; the text (and its link) is no longer stored.
        try:
            message.send()
        except Exception as error:
            if job is not None:
                _keep_for_retry(job, {"to": to, "subject": subject, **text}, error)
            raise
    if job is not None:
        try:
            _store_after_hand_over(job, {**forgotten, "sent_at": timezone.now().isoformat()}, what="as sent")
        except OperationalError:
            _sent_unrecorded.add(job.pk)
    return "sent"


def _store(job: Job, kwargs: dict, *, what: str) -> None:
    try:
        Job.objects.filter(pk=job.pk).update(kwargs=kwargs)
    except OperationalError as error:
        logger.warning("could not record the account e-mail of job %s %s: %s", job.pk, what, error)
        raise


def _store_after_hand_over(job: Job, kwargs: dict, *, what: str) -> None:
    """Store the job's arguments after the hand-over, again after short pauses while the database is busy."""
    record_after_hand_over(
        lambda: Job.objects.filter(pk=job.pk).update(kwargs=kwargs),
        what=f"the account e-mail of job {job.pk} {what}",
        logger=logger,
    )


def _keep_for_retry(job: Job, kwargs: dict, error: BaseException) -> None:
    """The server did not take the e-mail: store its text again for the next attempt."""
    try:
        _store_after_hand_over(job, kwargs, what="as not taken by the mail server")
    except OperationalError as busy:
        raise PermanentError(
            f"the mail server did not take it ({error}), and the database was too busy to keep its "
            f"text for another attempt ({busy}): not sent"
        ) from error


def queue_account_email(message: EmailMessage) -> None:
    """Hand a rendered message to the worker once the current transaction commits."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", None) or ():
        if mimetype == "text/html":
            html = content
    if message.content_subtype == "html":
        html, body = message.body, ""
    else:
        body = message.body
    send_account_email.enqueue(
        to=list(message.to),
        subject=str(message.subject),
        body=body,
        html=html,
        from_email=message.from_email or "",
        reply_to=list(message.reply_to) or None,
        headers={name: str(value) for name, value in (message.extra_headers or {}).items()},
    )
