"""Read who came: the check-in search, a day's attendance sheet and its count, a participant's days."""

import datetime
from urllib.parse import parse_qs, urlsplit

from django.db.models import Prefetch

from secon.events.enums import RegistrationStatus
from secon.events.models import Attendance, Event, Registration
from secon.events.selectors import list_registrations


def search_for_check_in(*, event: Event, query: str, limit: int = 20) -> list[Registration]:
    """Find registrations by check-in code (or the scanned QR code's address), e-mail or name."""
    query = query.strip()
    if "://" in query or query.startswith("/"):
        query = parse_qs(urlsplit(query).query).get("q", [""])[0]
    if not query:
        return []
    return list(list_registrations(event=event, query=query)[:limit])


def attendance_sheet(*, event: Event, day: datetime.date) -> list[Registration]:
    """Return the confirmed participants of a day, by name, with their attendance that day."""
    return list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("person", "partner__organisation")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.filter(day=day, session__isnull=True))
        )
        .order_by("person__sort_key", "pk")
    )


def attended_days(*, registration: Registration) -> list[datetime.date]:
    """Return the days a participant was checked in."""
    return sorted(set(registration.attendances.filter(session__isnull=True).values_list("day", flat=True)))


def count_present(*, event: Event, day: datetime.date) -> int:
    """Return how many participants are checked in on a day."""
    return Attendance.objects.filter(registration__event=event, day=day, session__isnull=True).count()
