"""The event's public list of attendees: the confirmed participants who agreed to appear on it."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from secon.events.enums import RegistrationStatus
from secon.events.models import Event, Registration
from secon.organisations.enums import ConsentKind
from secon.organisations.models import Consent
from secon.projects import prepared


@dataclass(frozen=True, slots=True)
class PublicAttendee:
    """A participant as the event's public list shows them: names and the organisation they gave."""

    first_name: str
    last_name: str
    organisation_name: str


def list_public_attendees(*, event: Event) -> list[PublicAttendee]:
    """Return the confirmed participants whose latest consent lets them appear on a public list
    (1 query, as plain values: the page shows their names and organisation only)."""

    def build():
        latest = (
            Consent.objects.filter(person=OuterRef("person"), kind=ConsentKind.PUBLIC_LIST)
            .order_by("-recorded_at", "-pk")
            .values("granted")[:1]
        )
        return (
            Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
            .annotate(listed=Subquery(latest))
            .filter(listed=True)
            .order_by("person__sort_key", "pk")
            .values_list("person__first_name", "person__last_name", "organisation_name")
        )

    rows = prepared.rows(("events.public_attendees", event.pk), build)  # compiled once per event
    return [PublicAttendee(*row) for row in rows]
