"""The address a request comes from, believing ``X-Forwarded-For`` only as far as our proxies wrote it.

A client can send any ``X-Forwarded-For`` it likes; each proxy appends the address it was connected
from. Reading the header from the right, every hop added by a trusted proxy
(``SECON_TRUSTED_PROXIES``) is believed and the first address a trusted proxy did not vouch for is
the client. Without trusted proxies the connecting address (``REMOTE_ADDR``) is the client and the
header is ignored, so nobody escapes the sign-in throttle by inventing addresses.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:5000"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address, networks) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest | None) -> str:
    """Return the client's IP address as a string ("" when the request says nothing usable)."""
    if request is None:
        return ""
    networks = getattr(settings, "TRUSTED_PROXIES", ())
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return ""
    if not networks or not _trusted(remote, networks):
        return str(remote)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # A hop nobody can read was written by the client itself: stop at the last proxy.
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
