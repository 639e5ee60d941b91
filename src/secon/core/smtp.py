"""What an SMTP failure means for the next attempt: one answer for every app that sends e-mail."""

import smtplib


def is_transient(error: BaseException) -> bool:
    """Tell whether trying again later may succeed: 4xx answers and network trouble, not 5xx."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # The server did not answer, closed the connection, or its name did not resolve.
    return isinstance(error, smtplib.SMTPException | OSError)
