"""Check participants in, by day or by session (from several devices at once)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.events.enums import RegistrationStatus
from secon.events.models import Attendance, Event, Registration, Session
from secon.projects.tenancy import check_same_project


def _record_organisation(registration: Registration) -> None:
    """At the first check-in, store the organisation the person represents now, at the event (the
    indicators count it, whatever organisation the person moves to later)."""
    if Attendance.objects.filter(registration=registration).exists():
        return
    organisation_id = registration.person.organisation_id
    if organisation_id is not None and organisation_id != registration.organisation_id:
        Registration.objects.filter(pk=registration.pk).update(organisation_id=organisation_id)
        registration.organisation_id = organisation_id


@transaction.atomic
def check_in(
    *,
    actor,
    registration: Registration,
    day: datetime.date | None = None,
    session: Session | None = None,
    now: datetime.datetime | None = None,
) -> Attendance:
    """Record that a confirmed participant is present on a day (or at a session); repeating is harmless.

    ``actor`` must be an organiser of the event (``events.add_attendance``), or ``SYSTEM``.
    """
    now = now or timezone.now()
    event = Event.objects.select_related("project").get(pk=registration.event_id)
    require(actor, "events.add_attendance", event)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("%(person)s has no confirmed place (%(status)s).")
            % {"person": registration.person, "status": registration.get_status_display()},
            code="status",
        )
    if session is not None:
        if session.event_id != event.pk:
            raise ValidationError({"session": _("This session belongs to another event.")})
        day = session.starts_at.astimezone(event.zone).date()
    day = day or timezone.localtime(now, event.zone).date()
    if day not in event.days:
        raise ValidationError({"day": _("The event does not take place on that day.")})
    existing = Attendance.objects.filter(registration=registration, day=day, session=session).first()
    if existing:
        return existing
    _record_organisation(registration)
    attendance = Attendance(
        project_id=event.project_id,
        registration=registration,
        day=day,
        session=session,
        checked_in_at=now,
        checked_in_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attendance.full_clean(
        exclude=["project", "registration", "session", "checked_in_by"], validate_constraints=False
    )
    check_same_project(attendance, registration=registration, session=session)
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:
        # Checked in at the same moment from another device: the first record stands.
        return Attendance.objects.get(registration=registration, day=day, session=session)
    if (
        session is not None
        and not Attendance.objects.filter(registration=registration, day=day, session__isnull=True).exists()
    ):
        try:
            with transaction.atomic():
                Attendance.objects.create(
                    project_id=event.project_id,
                    registration=registration,
                    day=day,
                    checked_in_at=now,
                    checked_in_by=attendance.checked_in_by,
                )
        except IntegrityError:
            pass  # the day was recorded at the same moment from another device
    record_change(
        actor=actor, instance=attendance, action=AuditEntry.Action.CREATE, project_id=event.project_id
    )
    return attendance
