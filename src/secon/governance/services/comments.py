"""The members' comments on circulated minutes: the comment window, comments, the secretary's answers.

Circulating the minutes opens a window (the committee's comment period by default, editable) during
which every seat holder may comment, on a section or in general. The minutes are not approved before
the window ends unless every seat has commented or the secretary records why (see
:func:`check_approval_allowed`): a member must not find the minutes approved while still reading them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.languages import interface_language
from secon.core.models import AuditEntry
from secon.core.permissions import person_of, require
from secon.governance.emails import queue_comment_answered, queue_comment_deadline_moved
from secon.governance.enums import APPROVED_MINUTES, CommentStatus, MinutesStatus, ProcedureStatus
from secon.governance.models import Meeting, Minutes, MinutesComment, MinutesVersion, WrittenProcedure
from secon.governance.selectors.comments import (
    current_holdings,
    describe_deadline,
    seats_without_comment,
    window_open,
)

#: The longest comment and the longest answer or reason.
MAX_COMMENT = 4000
MAX_REPLY = 2000
#: The comment window runs at most this long.
LONGEST_WINDOW = 60


def _end_of_day(day: datetime.date, meeting: Meeting) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=meeting.zone)


def default_comment_day(*, meeting: Meeting, now: datetime.datetime | None = None) -> datetime.date:
    """The last day of comments by default: today (in the meeting's zone) plus the committee's period."""
    today = (now or timezone.now()).astimezone(meeting.zone).date()
    return today + datetime.timedelta(days=meeting.committee.comment_days)


def comment_deadline(*, meeting: Meeting, day, now: datetime.datetime) -> datetime.datetime:
    """Return the end of ``day`` in the meeting's zone, or refuse a day past or too far ahead."""
    today = now.astimezone(meeting.zone).date()
    if not isinstance(day, datetime.date) or day < today:
        raise ValidationError({"comments_until": _("The last day for comments is in the past.")})
    if day > today + datetime.timedelta(days=LONGEST_WINDOW):
        raise ValidationError({"comments_until": _("The comment period is at most 60 days.")})
    return _end_of_day(day, meeting)


def check_approval_allowed(minutes: Minutes, now: datetime.datetime) -> None:
    """Refuse to approve the minutes while members may still comment, unless every seat has
    commented or the secretary recorded the reason for approving them earlier."""
    if not window_open(minutes, now) or minutes.early_approval_reason:
        return
    if not seats_without_comment(minutes):
        return
    raise ValidationError(
        _(
            "The members may comment on these minutes until %(deadline)s. They are approved after "
            "that, or earlier once every seat has commented or the secretary has recorded the reason "
            "on the minutes' page."
        )
        % {"deadline": describe_deadline(minutes)}
    )


def _lock(minutes: Minutes) -> Minutes:
    return Minutes._base_manager.select_for_update().select_related("meeting").get(pk=minutes.pk)


def _reason(value: str, field: str, *, required: bool) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > MAX_REPLY:
        raise ValidationError({field: _("Keep it under 2000 characters.")})
    return value


@transaction.atomic
def set_comment_deadline(
    *, actor, minutes: Minutes, day: datetime.date, now: datetime.datetime | None = None
) -> Minutes:
    """Move the last day for comments (extend, shorten, or reopen a window that has ended)."""
    require(actor, "governance.manage_committee", minutes.committee)
    now = now or timezone.now()
    minutes = _lock(minutes)
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ValidationError(_("Only circulated minutes, not yet approved, take comments."))
    deadline = comment_deadline(meeting=minutes.meeting, day=day, now=now)
    ending_sooner = WrittenProcedure._base_manager.filter(
        minutes=minutes, status=ProcedureStatus.OPEN, deadline__lt=deadline
    )
    if ending_sooner.exists():
        raise ValidationError(
            {
                "comments_until": _(
                    "A written procedure approving these minutes ends before that day: "
                    "comments must end by its deadline."
                )
            }
        )
    previous = minutes.comments_until
    with audited(actor=actor, instance=minutes, project_id=minutes.project_id):
        minutes.comments_until = deadline
        minutes.save(update_fields=["comments_until"])
    if previous != deadline:
        # Every member is told, in their language: one who meant to comment later must not find
        # the window closed earlier than announced, nor miss that it has reopened.
        holders = current_holdings(minutes.committee_id).select_related("user")
        for user in {holder.user_id: holder.user for holder in holders}.values():
            queue_comment_deadline_moved(
                minutes=minutes, user=user, previous=(previous or deadline).isoformat()
            )
    return minutes


@transaction.atomic
def allow_early_approval(*, actor, minutes: Minutes, reason: str) -> Minutes:
    """Record why the minutes may be approved before the comment window ends (e.g. an urgent report)."""
    require(actor, "governance.manage_committee", minutes.committee)
    minutes = _lock(minutes)
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ValidationError(_("Only circulated minutes, not yet approved, take comments."))
    reason = _reason(reason, "early_approval_reason", required=True)
    with audited(actor=actor, instance=minutes, project_id=minutes.project_id):
        minutes.early_approval_reason = reason
        minutes.save(update_fields=["early_approval_reason"])
    return minutes


def _seat_of(actor, committee_id: int) -> int | None:
    holding = (
        current_holdings(committee_id)
        .filter(user=person_of(actor))
        .order_by("role", "pk")  # "representative" before "substitute"
        .first()
    )
    return holding.seat_id if holding else None


@transaction.atomic
def comment_on_minutes(
    *,
    actor,
    minutes: Minutes,
    text: str,
    section_key: str = "",
    language: str = "",
    now: datetime.datetime | None = None,
) -> MinutesComment:
    """A seat holder's comment on a section (``section_key``) or in general, while the window is open."""
    require(actor, "governance.comment_minutes", minutes.committee)
    now = now or timezone.now()
    minutes = _lock(minutes)
    if minutes.status in APPROVED_MINUTES:
        raise ValidationError(_("These minutes are approved: comments are closed."))
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ValidationError(_("These minutes have not been circulated for comments."))
    if not window_open(minutes, now):
        raise ValidationError(
            _("The comment period ended on %(deadline)s: comments are closed.")
            % {"deadline": describe_deadline(minutes)}
        )
    current = MinutesVersion._base_manager.get(minutes=minutes, number=minutes.version)
    section_key = section_key or ""
    if section_key and section_key not in {section["key"] for section in current.sections}:
        raise ValidationError({"section": _("These minutes have no such section.")})
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": _("Write your comment.")})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": _("Keep a comment under 4000 characters.")})
    comment = MinutesComment(
        project_id=minutes.project_id,
        minutes=minutes,
        version=minutes.version,
        section_key=section_key,
        seat_id=_seat_of(actor, minutes.committee_id),
        author=person_of(actor),
        language=interface_language(language),
        text=text,
        created_at=now,
    )
    comment.save()
    record_change(
        actor=actor, instance=comment, action=AuditEntry.Action.CREATE, project_id=minutes.project_id
    )
    return comment


@transaction.atomic
def answer_comment(
    *, actor, comment: MinutesComment, status: str, reply: str = "", now: datetime.datetime | None = None
) -> MinutesComment:
    """The secretary marks a comment as taken into account or answered (an answer needs its reply)."""
    minutes = Minutes._base_manager.select_related("committee").get(pk=comment.minutes_id)
    require(actor, "governance.manage_committee", minutes.committee)
    comment = MinutesComment._base_manager.select_for_update().get(pk=comment.pk)
    if status not in (CommentStatus.TAKEN, CommentStatus.ANSWERED):
        raise ValidationError({"status": _("Choose whether the comment is taken into account or answered.")})
    reply = _reason(reply, "reply", required=status == CommentStatus.ANSWERED)
    with audited(actor=actor, instance=comment, project_id=comment.project_id):
        comment.status = status
        comment.reply = reply
        comment.answered_by = person_of(actor)
        comment.answered_at = now or timezone.now()
        comment.save(update_fields=["status", "reply", "answered_by", "answered_at"])
    if comment.author_id and comment.author_id != getattr(actor, "pk", None):
        queue_comment_answered(comment=comment, user=comment.author)
    return comment
