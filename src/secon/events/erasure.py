"""What erasing a person removes from the events app (registered with organisations' erasure)."""

from secon.events.holds import HeldRegistration
from secon.events.models import Attendance, Registration, Signup
from secon.organisations.erasure import Erased


def erase_event_records(person) -> Erased:
    """Clear what a person typed on their registrations; keep the registrations (counts, attendance)."""
    registrations = Registration._base_manager.filter(person=person)
    keys = set(registrations.values_list("pk", flat=True))
    values = {
        value
        for row in registrations.values_list("organisation_name", "dietary_needs", "accessibility_needs")
        for value in row
        if value
    }
    registrations.update(organisation_name="", dietary_needs="", accessibility_needs="")
    held = HeldRegistration._base_manager.filter(email__iexact=person.email)
    held_keys = set(held.values_list("pk", flat=True))
    held.delete()
    records = {
        "events.registration": keys,
        "events.heldregistration": held_keys,
        # Their audit entries name the person too.
        "events.attendance": set(
            Attendance._base_manager.filter(registration__in=keys).values_list("pk", flat=True)
        ),
        "events.signup": set(Signup._base_manager.filter(registration__in=keys).values_list("pk", flat=True)),
    }
    return Erased(records=records, values=values)
