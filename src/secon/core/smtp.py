"""What an SMTP failure means for the next attempt, and how the bookkeeping after a hand-over to the
mail server is written: one answer for every app that sends e-mail."""

import logging
import smtplib
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.db import OperationalError, connection

T = TypeVar("T")

#: How many times a bookkeeping write after the hand-over to the mail server is tried while the
#: database is busy, and the first pause between two tries in seconds (doubling: 0.5 + 1 + 2 + 4 s,
#: plus the busy timeout each try waits). Read at each call (tests shorten the pause).
RECORD_TRIES = 5
RECORD_PAUSE = 0.5


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


def record_after_hand_over(write: Callable[[], T], *, what: str, logger: logging.Logger) -> T:
    """Run a bookkeeping write made after an e-mail was handed to the mail server; while the database
    is busy (SQLite's "database is locked", a dropped connection), run it again after short pauses.

    Once the server may have the e-mail, a retry of the whole task is no longer safe, so such a write
    must not give up at the first busy moment: the project's e-mails (``mail.tasks``) and the account
    e-mails (``accounts.tasks``) both record through here. ``what`` names the record in the log
    ("e-mail 7 as sent"); after :data:`RECORD_TRIES` the last error is raised.
    """
    pause = RECORD_PAUSE
    for attempt in range(1, RECORD_TRIES + 1):
        try:
            return write()
        except OperationalError as error:
            if attempt == RECORD_TRIES:
                logger.error("could not record %s after %s tries: %s", what, attempt, error)
                raise
            logger.warning(
                "could not record %s (try %s of %s), trying again in %.1f s: %s",
                what,
                attempt,
                RECORD_TRIES,
                pause,
                error,
            )
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()  # a connection PostgreSQL dropped
            time.sleep(pause)
            pause *= 2
    raise AssertionError("unreachable")
