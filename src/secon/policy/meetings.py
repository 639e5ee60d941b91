"""Meetings of a regional stakeholder group: events of the kind "stakeholder group meeting".

The meeting is an event of the events app (its agenda, registration, check-in and attendance sheets
are the event's), hosted by the instrument's partner so that the partner's editors organise it; the
link to the group's instrument lives here, since policy comes after events. Who edits the
instrument schedules its group's meetings: their date and times in the region's time zone (a
session of the event), the place (a venue of the event), the instruments discussed, the agenda
text (the event's description) and the member organisations invited.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.events.enums import EventKind, EventStatus, SessionKind, Visibility
from secon.events.models import Event, Venue
from secon.events.services import agenda
from secon.policy.models import PolicyInstrument, StakeholderMeeting, StakeholderMember

#: The time zone of a partner region by its country; the NUTS regions with a zone of their own first.
OWN_ZONES = {"ES70": "Atlantic/Canary", "PT20": "Atlantic/Azores", "PT30": "Atlantic/Madeira"}
ZONES = {
    "AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "CH": "Europe/Zurich",
    "CY": "Asia/Nicosia", "CZ": "Europe/Prague", "DE": "Europe/Berlin", "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn", "ES": "Europe/Madrid", "FI": "Europe/Helsinki", "FR": "Europe/Paris",
    "GR": "Europe/Athens", "HR": "Europe/Zagreb", "HU": "Europe/Budapest", "IE": "Europe/Dublin",
    "IT": "Europe/Rome", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "LV": "Europe/Riga",
    "MT": "Europe/Malta", "NL": "Europe/Amsterdam", "NO": "Europe/Oslo", "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "SE": "Europe/Stockholm", "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava",
}  # fmt: skip
DEFAULT_ZONE = "Europe/Brussels"


def region_time_zone(region) -> str:
    """The time zone a region's meetings are held in (Brussels when the region is not known)."""
    if region is None:
        return DEFAULT_ZONE
    for prefix, zone in OWN_ZONES.items():
        if region.code.startswith(prefix):
            return zone
    return ZONES.get(region.iso_country, DEFAULT_ZONE)


def _check(instrument, starts_at, ends_at, instruments: list, invited: list) -> None:
    """Every problem at once, each under its field; nothing is saved."""
    errors = {}
    if starts_at is None and ends_at is not None:
        errors["starts_at"] = _("Give the time the meeting starts.")
    if ends_at is None and starts_at is not None:
        errors["ends_at"] = _("Give the time the meeting ends.")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The meeting ends after it starts.")
    if any(other.project_id != instrument.project_id for other in instruments):
        errors["instruments"] = _("Choose policy instruments of this project.")
    members = set(
        StakeholderMember.objects.filter(instrument=instrument, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    if any(organisation.pk not in members for organisation in invited):
        errors["invited"] = _("Invite organisations of the group: add an organisation to the group first.")
    if errors:
        raise ValidationError(errors)


def _free_slug(project_id: int, base: str) -> str:
    base = slugify(base)[:70] or "stakeholder-group"
    taken = set(
        Event.objects.filter(project_id=project_id, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def schedule_meeting(
    *,
    actor,
    instrument: PolicyInstrument,
    title: dict,
    start_date: datetime.date,
    time_zone: str,
    end_date: datetime.date | None = None,
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
    place: str = "",
    address: str = "",
    city: str = "",
    country: str = "",
    description: dict | None = None,
    instruments: Iterable[PolicyInstrument] = (),
    invited: Iterable = (),
    is_public: bool = False,
    status: str = EventStatus.PUBLISHED,
) -> StakeholderMeeting:
    """Create the event of a group meeting (by invitation unless ``is_public``) and link it to the group.

    ``starts_at``/``ends_at``: wall-clock times in ``time_zone`` on the first day (the meeting's
    session); ``place``: the venue; ``description``: the agenda text; ``instruments``: those
    discussed (by default the group's own); ``invited``: member organisations of the group.
    """
    instrument = PolicyInstrument._base_manager.select_related("partner").get(pk=instrument.pk)
    require(actor, "policy.edit_instrument", instrument)
    instruments, invited = list(instruments), list(invited)
    _check(instrument, starts_at, ends_at, instruments, invited)
    event = agenda.create_event(
        actor=actor,
        project=instrument.project,
        slug=_free_slug(instrument.project_id, f"stakeholder-group-{instrument.partner.code}-{start_date}"),
        kind=EventKind.STAKEHOLDER_GROUP,
        title=title,
        description=description or {},
        start_date=start_date,
        end_date=end_date or start_date,
        time_zone=time_zone,
        city=(city or "").strip(),
        country=(country or "").strip().upper(),
        host_partner=instrument.partner,
        is_public=is_public,
        status=status,
    )
    venue = None
    if (place or "").strip():
        # A place the project has met at before is the same venue (its name is unique in the project).
        venue = Venue.objects.filter(project_id=event.project_id, name=place.strip()).first()
        if venue is None:
            venue = agenda.add_venue_to_event(
                actor=actor, event=event, name=place.strip(), address=(address or "").strip(), city=event.city
            )
        else:
            event.venues.add(venue)
    if starts_at is not None:
        day = event.start_date
        agenda.add_session(
            actor=actor,
            event=event,
            kind=SessionKind.OTHER,
            title=title,
            starts_at=agenda.local_datetime(event=event, day=day, time=starts_at),
            ends_at=agenda.local_datetime(event=event, day=day, time=ends_at),
            venue=venue,
            visibility=Visibility.PUBLIC if is_public else Visibility.PARTICIPANTS,
        )
    meeting = StakeholderMeeting.objects.create(
        project_id=instrument.project_id, instrument=instrument, event=event
    )
    meeting.instruments.set(instruments or [instrument])
    meeting.invited.set(invited)
    record_change(
        actor=actor, instance=meeting, action=AuditEntry.Action.CREATE, project_id=meeting.project_id
    )
    return meeting
