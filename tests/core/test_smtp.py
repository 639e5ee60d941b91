import smtplib

from secon.core.smtp import is_transient


def test_network_trouble_and_4xx_answers_are_worth_another_attempt():
    assert is_transient(ConnectionRefusedError())
    assert is_transient(smtplib.SMTPServerDisconnected())
    assert is_transient(smtplib.SMTPResponseException(421, b"try later"))
    assert is_transient(smtplib.SMTPRecipientsRefused({"a@b.c": (451, b"greylisted")}))


def test_5xx_answers_and_bugs_are_not():
    assert not is_transient(smtplib.SMTPResponseException(554, b"no"))
    assert not is_transient(smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"unknown")}))
    assert not is_transient(ValueError("a bug"))
