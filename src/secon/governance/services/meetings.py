"""Meetings of a committee: draft → convened (the notice goes out) → in session → closed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.governance.emails import queue_notice
from secon.governance.enums import MeetingStatus
from secon.governance.models import AgendaItem, Committee, Meeting, Paper, SeatHolder

MEETING_FIELDS = ("title", "starts_at", "ends_at", "time_zone", "location", "online_url", "session")
#: What may still change once the notice has gone out (the date and agenda were announced).
AFTER_NOTICE_FIELDS = ("title", "location", "online_url")
#: A meeting lasts at most this long.
LONGEST = datetime.timedelta(hours=24)


def _check(meeting: Meeting) -> None:
    meeting.full_clean(exclude=["project", "committee", "session"], validate_constraints=False)
    if meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    if meeting.ends_at - meeting.starts_at > LONGEST:
        raise ValidationError({"ends_at": _("A meeting lasts at most 24 hours.")})
    if meeting.session_id and meeting.session.project_id != meeting.project_id:
        raise ValidationError({"session": _("This session belongs to another project.")})
    if meeting.starts_at.year < 2000 or meeting.ends_at.year > 2100:
        raise ValidationError({"starts_at": _("Choose a date between 2000 and 2100.")})


@transaction.atomic
def create_meeting(*, actor, committee: Committee, **values) -> Meeting:
    """Plan a meeting (a draft, numbered next in the committee)."""
    require(actor, "governance.manage_committee", committee)
    committee = Committee._base_manager.select_for_update().get(pk=committee.pk)
    last = Meeting._base_manager.filter(committee=committee).aggregate(last=Max("number"))["last"] or 0
    meeting = Meeting(
        project_id=committee.project_id,
        committee=committee,
        number=last + 1,
        **{name: values[name] for name in MEETING_FIELDS if name in values},
    )
    _check(meeting)
    meeting.save()
    record_change(
        actor=actor, instance=meeting, action=AuditEntry.Action.CREATE, project_id=meeting.project_id
    )
    return meeting


@transaction.atomic
def update_meeting(*, actor, meeting: Meeting, **values) -> Meeting:
    """Change a meeting; once the notice is out only its title, place and link may change."""
    require(actor, "governance.manage_committee", meeting.committee)
    meeting = Meeting._base_manager.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.CONVENED):
        raise ValidationError(_("This meeting has taken place: it can no longer change."))
    allowed = AFTER_NOTICE_FIELDS if meeting.is_notified else MEETING_FIELDS
    with audited(actor=actor, instance=meeting, project_id=meeting.project_id):
        for name in MEETING_FIELDS:
            if name not in values:
                continue
            current = getattr(meeting, name)
            if name not in allowed and current != values[name]:
                raise ValidationError({name: _("The notice has gone out: this can no longer change.")})
            setattr(meeting, name, values[name])
        _check(meeting)
        meeting.save()
    return meeting


def current_holders(meeting: Meeting) -> list[SeatHolder]:
    """Return the people holding a seat on the day of the meeting (representatives and substitutes)."""
    day = meeting.starts_at.astimezone(meeting.zone).date()
    return list(
        SeatHolder._base_manager.filter(seat__committee_id=meeting.committee_id, valid_from__lte=day)
        .exclude(valid_until__lt=day)
        .select_related("user")
        .order_by("seat__partner__number", "role", "pk")
    )


@transaction.atomic
def convene_meeting(*, actor, meeting: Meeting, now: datetime.datetime | None = None) -> Meeting:
    """Send the notice to every seat holder, in their language, and freeze the papers as version 1."""
    require(actor, "governance.manage_committee", meeting.committee)
    now = now or timezone.now()
    meeting = Meeting._base_manager.select_for_update().select_related("committee").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.DRAFT:
        raise ValidationError(_("This meeting has already been convened."))
    days = meeting.committee.notice_days
    if meeting.starts_at < now + datetime.timedelta(days=days):
        raise ValidationError(
            {
                "starts_at": ngettext(
                    "The notice must go out at least %(days)d day before the meeting.",
                    "The notice must go out at least %(days)d days before the meeting.",
                    days,
                )
                % {"days": days}
            }
        )
    if not AgendaItem._base_manager.filter(meeting=meeting).exists():
        raise ValidationError(_("Add the agenda before sending the notice."))
    holders = current_holders(meeting)
    if not holders:
        raise ValidationError(_("Nobody holds a seat yet: appoint the representatives first."))
    with audited(actor=actor, instance=meeting, project_id=meeting.project_id):
        meeting.status = MeetingStatus.CONVENED
        meeting.convened_at = now
        meeting.save(update_fields=["status", "convened_at", "updated_at"])
    Paper._base_manager.filter(item__meeting=meeting).update(version=1, updated_after_notice=False)
    AgendaItem._base_manager.filter(meeting=meeting).update(changed_after_notice=False)
    for user in {holder.user_id: holder.user for holder in holders}.values():
        queue_notice(meeting=meeting, user=user)
    return meeting


def _move(*, actor, meeting: Meeting, source: tuple, target: str, message: str) -> Meeting:
    require(actor, "governance.run_meeting", meeting.committee)  # the chair too
    meeting = Meeting._base_manager.select_for_update().get(pk=meeting.pk)
    if meeting.status not in source:
        raise ValidationError(message)
    with audited(actor=actor, instance=meeting, project_id=meeting.project_id):
        meeting.status = target
        meeting.save(update_fields=["status", "updated_at"])
    return meeting


@transaction.atomic
def start_meeting(*, actor, meeting: Meeting) -> Meeting:
    """Open the meeting (it must have been convened)."""
    return _move(
        actor=actor,
        meeting=meeting,
        source=(MeetingStatus.CONVENED,),
        target=MeetingStatus.IN_SESSION,
        message=_("Only a convened meeting can start."),
    )


@transaction.atomic
def close_meeting(*, actor, meeting: Meeting) -> Meeting:
    """Close the meeting once its business is done."""
    return _move(
        actor=actor,
        meeting=meeting,
        source=(MeetingStatus.IN_SESSION,),
        target=MeetingStatus.CLOSED,
        message=_("Only a meeting in session can be closed."),
    )
