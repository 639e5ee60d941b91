"""The secretary marks who is present at a meeting (online meetings, or corrections to event check-in)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import person_of, require
from secon.governance.enums import MeetingStatus
from secon.governance.models import Meeting, MeetingAttendance, SeatHolder


@transaction.atomic
def mark_attendance(*, actor, meeting: Meeting, user, present: bool = True) -> MeetingAttendance:
    """Mark a seat holder present (or absent); marking again changes the mark."""
    require(actor, "governance.run_meeting", meeting.committee)
    meeting = Meeting._base_manager.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION):
        raise ValidationError(_("Attendance is taken at a convened meeting or one in session."))
    day = meeting.starts_at.astimezone(meeting.zone).date()
    holds = (
        SeatHolder._base_manager.filter(
            seat__committee_id=meeting.committee_id, user=user, valid_from__lte=day
        )
        .exclude(valid_until__lt=day)
        .exists()
    )
    if not holds:
        raise ValidationError(_("This person does not hold a seat on the committee."))
    now = timezone.now()
    existing = MeetingAttendance._base_manager.filter(meeting=meeting, user=user).first()
    if existing is not None:
        with audited(actor=actor, instance=existing, project_id=meeting.project_id):
            existing.present = present
            existing.marked_by = person_of(actor)
            existing.marked_at = now
            existing.save(update_fields=["present", "marked_by", "marked_at"])
        return existing
    attendance = MeetingAttendance(
        project_id=meeting.project_id,
        meeting=meeting,
        user=user,
        present=present,
        marked_by=person_of(actor),
        marked_at=now,
    )
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:  # marked at the same moment from another device: mark again
        return mark_attendance(actor=actor, meeting=meeting, user=user, present=present)
    record_change(
        actor=actor, instance=attendance, action=AuditEntry.Action.CREATE, project_id=meeting.project_id
    )
    return attendance
