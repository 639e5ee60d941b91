"""Signed links of the newsletter: confirming a subscription (7 days), unsubscribing and agreeing to a
changed privacy notice (no expiry: the page checks whether there is still something to do)."""

import hashlib

from django.core import signing
from django.urls import reverse
from django.utils import translation

from secon.communications.models import Subscriber
from secon.core.languages import interface_language
from secon.core.links import absolute_url

CONFIRM_DAYS = 7
_CONFIRM_SALT = "secon.communications.confirm"
_UNSUBSCRIBE_SALT = "secon.communications.unsubscribe"
_AGREE_SALT = "secon.communications.agree-again"


class LinkExpired(Exception):
    """The link was right but is too old."""


class LinkInvalid(Exception):
    """The link was not made by us, or not for this address."""


def _address(subscriber: Subscriber) -> str:
    return hashlib.sha256(subscriber.email.lower().encode()).hexdigest()[:16]


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "n": subscriber.nonce}, salt=_CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "a": _address(subscriber)}, salt=_UNSUBSCRIBE_SALT)


def read_confirm_token(token: str) -> tuple[int, str]:
    """Return (subscriber id, nonce); raise LinkExpired after 7 days, LinkInvalid when forged."""
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    return int(data["s"]), str(data["n"])


def agree_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "a": _address(subscriber)}, salt=_AGREE_SALT)


def read_agree_token(token: str, *, subscriber_of) -> Subscriber:
    """Return the subscriber ``subscriber_of(pk)`` finds for the link; raise LinkInvalid unless the
    link was made by us for that subscriber's address."""
    try:
        data = signing.loads(token, salt=_AGREE_SALT)
    except signing.BadSignature as error:
        raise LinkInvalid from error
    subscriber = subscriber_of(int(data["s"]))
    if subscriber is None or str(data["a"]) != _address(subscriber):
        raise LinkInvalid
    return subscriber


def check_unsubscribe_token(token: str, subscriber: Subscriber) -> None:
    """Raise LinkInvalid unless the token was made for this subscriber's address."""
    if read_unsubscribe_token(token)[1] != _address(subscriber):
        raise LinkInvalid


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise LinkInvalid from error
    return int(data["s"]), str(data["a"])


def page_language(language: str) -> str:
    """The interface language of the pages a subscriber opens: theirs, or English for the others."""
    return interface_language(language)


def _url(view: str, subscriber: Subscriber, token: str) -> str:
    with translation.override(page_language(subscriber.language)):
        return absolute_url(reverse(view, kwargs={"project": subscriber.project.slug, "token": token}))


def confirm_url(subscriber: Subscriber) -> str:
    return _url("communications:confirm", subscriber, confirm_token(subscriber))


def unsubscribe_url(subscriber: Subscriber) -> str:
    return _url("communications:unsubscribe", subscriber, unsubscribe_token(subscriber))


def agree_url(subscriber: Subscriber) -> str:
    return _url("communications:agree_again", subscriber, agree_token(subscriber))
