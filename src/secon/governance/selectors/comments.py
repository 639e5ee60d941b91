"""The comment window of circulated minutes and the members' comments, grouped by section."""

import datetime

from django.utils import formats, timezone

from secon.governance.enums import MinutesStatus
from secon.governance.models import Minutes, MinutesComment, SeatHolder


def describe_deadline(minutes: Minutes) -> str:
    """The end of the comment window as a member reads it, in the meeting's time zone."""
    meeting = minutes.meeting
    local = minutes.comments_until.astimezone(meeting.zone)
    return f"{formats.date_format(local, 'j F Y, H:i')} ({meeting.time_zone})"


def window_open(minutes: Minutes, now: datetime.datetime | None = None) -> bool:
    """Whether members may comment now: circulated, not approved, before the last day's end."""
    return (
        minutes.status == MinutesStatus.CIRCULATED
        and minutes.comments_until is not None
        and (now or timezone.now()) <= minutes.comments_until
    )


def current_holdings(committee_id: int):
    today = timezone.localdate()
    return SeatHolder._base_manager.filter(seat__committee_id=committee_id, valid_from__lte=today).exclude(
        valid_until__lt=today
    )


def seats_without_comment(minutes: Minutes) -> set[int]:
    """The seats (with somebody holding them today) from which nobody has commented (2 queries)."""
    held = set(current_holdings(minutes.committee_id).values_list("seat_id", flat=True))
    commented = set(MinutesComment._base_manager.filter(minutes=minutes).values_list("seat_id", flat=True))
    return held - commented


def list_comments(*, minutes: Minutes) -> list[MinutesComment]:
    """Every comment on the minutes, oldest first, with author, seat and who answered (1 query)."""
    return list(
        MinutesComment.objects.filter(minutes=minutes)
        .select_related("author", "seat__partner__organisation", "answered_by")
        .order_by("created_at", "pk")
    )


def comments_by_section(comments: list[MinutesComment]) -> dict[str, list[MinutesComment]]:
    """Group comments by section key (``""`` for general comments)."""
    grouped: dict[str, list[MinutesComment]] = {}
    for comment in comments:
        grouped.setdefault(comment.section_key, []).append(comment)
    return grouped
