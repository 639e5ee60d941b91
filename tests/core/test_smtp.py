import smtplib

from django.db import OperationalError

from secon.core.smtp import EMAIL_RETRIES, is_transient, may_retry_email


def test_network_trouble_and_4xx_answers_are_worth_another_attempt():
    assert is_transient(ConnectionRefusedError())
    assert is_transient(smtplib.SMTPServerDisconnected())
    assert is_transient(smtplib.SMTPResponseException(421, b"try later"))
    assert is_transient(smtplib.SMTPRecipientsRefused({"a@b.c": (451, b"greylisted")}))


def test_5xx_answers_and_bugs_are_not():
    assert not is_transient(smtplib.SMTPResponseException(554, b"no"))
    assert not is_transient(smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"unknown")}))
    assert not is_transient(ValueError("a bug"))


def test_every_email_task_also_retries_a_busy_database_but_not_a_bug():
    assert EMAIL_RETRIES["retry_if"] is may_retry_email
    assert may_retry_email(OperationalError("database is locked"))
    assert may_retry_email(smtplib.SMTPResponseException(421, b"try later"))
    assert not may_retry_email(smtplib.SMTPResponseException(554, b"no"))
    assert not may_retry_email(ValueError("a bug"))
