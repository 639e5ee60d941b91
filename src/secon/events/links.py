"""Personal links: a signed, expiring token that opens one registration without an account."""

import datetime
import time

from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone

from secon.events.enums import RegistrationStatus
from secon.events.models import Registration
from secon.projects.tenancy import scopes_disabled

SALT = "secon.events.registration-link"
#: A personal link stays valid this long after the event's last day.
VALID_AFTER_EVENT = datetime.timedelta(days=365)


class LinkExpired(Exception):
    """The link was genuine but is too old."""


class LinkInvalid(Exception):
    """The link was forged, mangled or revoked."""


def make_token(registration: Registration) -> str:
    """Return the signed token of a registration's personal link."""
    expires = registration.event.ends_at() + VALID_AFTER_EVENT
    payload = {"r": registration.pk, "k": registration.link_key, "x": int(expires.timestamp())}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str, *, now: float | None = None) -> tuple[int, str]:
    """Return (registration id, key) of a token, or raise LinkInvalid / LinkExpired."""
    try:
        payload = signing.loads(token, salt=SALT)
        registration_id, key, expires = int(payload["r"]), str(payload["k"]), int(payload["x"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkInvalid from None
    if (now if now is not None else time.time()) > expires:
        raise LinkExpired
    return registration_id, key


def registrations_with_links(*, email: str, now: datetime.datetime | None = None) -> QuerySet[Registration]:
    """Return the registrations of an address whose personal links still open (not cancelled)."""
    now = now or timezone.now()
    oldest_end = (now - VALID_AFTER_EVENT).date()
    with scopes_disabled():  # the address's own registrations, in every project
        registrations = Registration.objects.filter(
            person__email__iexact=email.strip(), event__end_date__gte=oldest_end
        )
    return (
        registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event__project", "person")
        .order_by("event__start_date", "pk")
    )


def check_in_path(registration: Registration) -> str:
    """Return the organisers' check-in page opened on this registration (what the QR code holds).

    Scanned with any phone camera by an organiser who is signed in, it opens the person's record;
    typed into the check-in search by a scanner, the code in it is found.
    """
    from django.urls import reverse

    url = reverse(
        "events:check_in",
        kwargs={"project": registration.event.project.slug, "event": registration.event.slug},
    )
    return f"{url}?q={registration.check_in_code}"
