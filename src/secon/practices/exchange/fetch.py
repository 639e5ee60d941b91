"""Fetch another installation's feed safely: http(s) only, public addresses only (unless
``SECON_EXCHANGE_ALLOW_PRIVATE``), a timeout, a size limit, JSON only, never our own feed.

Every refusal is a :class:`FeedError` with a sentence for the coordinator; nothing else escapes.
"""

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from secon.core.links import site_url

TIMEOUT_SECONDS = 10
MAX_BYTES = 5 * 1024 * 1024


class FeedError(Exception):
    """The feed could not be fetched or read (the message says why, for people)."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are refused: each address is checked before it is fetched."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise FeedError(
            _("The feed redirects to %(url)s: subscribe to that address instead.") % {"url": newurl[:200]}
        )


def check_address(url: str) -> None:
    """Refuse what is not http(s), has no host, or resolves to a private address (unless allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(_("Only http:// and https:// addresses can be subscribed to."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {
            info[4][0] for info in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
        }
    except (OSError, ValueError):
        raise FeedError(_("The host %(host)s cannot be found.") % {"host": parts.hostname[:100]}) from None
    if settings.EXCHANGE_ALLOW_PRIVATE:
        return
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise FeedError(
                _("%(host)s is a private or local address; feeds are fetched from public ones only.")
                % {"host": parts.hostname[:100]}
            )


def is_own(url: str) -> bool:
    """Tell whether ``url`` is on this site's address (when the site knows it: a command run in
    embedded mode without SECON_SITE_URL would take every feed on 127.0.0.1:8000 for its own)."""
    if not settings.SITE_URL_GIVEN:
        return False
    ours = urlsplit(site_url())
    theirs = urlsplit(url)
    return (theirs.hostname, theirs.port or theirs.scheme) == (ours.hostname, ours.port or ours.scheme)


def fetch_json(url: str) -> dict:
    """Return the JSON object at ``url`` (see the module's rules)."""
    if is_own(url):
        raise FeedError(_("This address is this installation's own feed."))
    check_address(url)
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Accept": "application/ld+json, application/json"})
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(MAX_BYTES + 1)
    except FeedError:
        raise
    except urllib.error.HTTPError as error:
        raise FeedError(
            _("The feed answered with HTTP status %(status)d.") % {"status": error.code}
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise FeedError(
            _("The feed could not be reached: %(reason)s") % {"reason": str(reason)[:200]}
        ) from None
    if len(body) > MAX_BYTES:
        raise FeedError(_("The feed is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20})
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise FeedError(_("The address does not answer with JSON: it is not a practice feed.")) from None
    if not isinstance(document, dict):
        raise FeedError(_("The address does not answer with a JSON-LD feed of practices."))
    return document
