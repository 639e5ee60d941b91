"""One site address: every absolute link is built here, on ``SECON_SITE_URL``, never on the request.

E-mails, PDFs, QR codes, calendars, JSON-LD, feeds, canonical and hreflang links all call
:func:`absolute_url`. The request's ``Host`` header is never used for a link: a forged header can
neither put its host into a page nor into the page cache, and a link in an e-mail sent by a worker
(which has no request) is the same as the one on the page.

In embedded mode without ``SECON_SITE_URL``, ``secon serve`` sets it from its --host and --port
(``make run PORT=8123`` gives ``http://127.0.0.1:8123``).
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    """Return the site's address: scheme, host and port, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """Return the absolute URL of a path of this site (``/en/secon/`` → ``https://hub…/en/secon/``).

    An absolute URL of this site is returned unchanged; one of another host is refused.
    """
    if not path:
        path = "/"
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        if f"{parts.scheme}://{parts.netloc}" != site_url():
            raise ValueError(f"{path!r} is not an address of this site ({site_url()})")
        return path
    if not path.startswith("/"):
        raise ValueError(f"expected a path starting with /, got {path!r}")
    return site_url() + path


def site_host() -> str:
    """Return the host (and port) of the site's address, as a Host header would carry it."""
    return urlsplit(site_url()).netloc
