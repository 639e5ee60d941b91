"""What an SMTP failure means for the next attempt: one answer for every app that sends e-mail."""

import smtplib
from datetime import timedelta

from django.db import OperationalError


def is_transient(error: BaseException) -> bool:
    """Tell whether trying again later may succeed: 4xx answers and network trouble, not 5xx."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # The server did not answer, closed the connection, or its name did not resolve.
    return isinstance(error, smtplib.SMTPException | OSError)


def may_retry_email(error: BaseException) -> bool:
    """Retry transient SMTP failures and database errors (SQLite's "database is locked" under a burst,
    a dropped connection): every e-mail task records that it hands a message to the mail server before
    it does, so a retry after either never sends it twice."""
    return is_transient(error) or isinstance(error, OperationalError)


#: How every e-mail task retries: six attempts, 30 s doubling to at most 30 min apart (about an hour
#: in all, which outlasts a mail server's restart or a greylisting delay), a two-minute lease (a
#: send that hangs longer is taken up again), and only transient failures and database errors retried
#: (:func:`may_retry_email`). Used as
#: ``@background(**EMAIL_RETRIES, ...)`` so that the project's e-mails and the account e-mails
#: cannot drift apart.
EMAIL_RETRIES = {
    "max_attempts": 6,
    "backoff": timedelta(seconds=30),
    "max_backoff": timedelta(minutes=30),
    "lease": timedelta(minutes=2),
    "retry_if": may_retry_email,
}
