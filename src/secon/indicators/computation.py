"""Share an indicator's dated records out over the reporting periods (pure functions, no database).

A record belongs to the period its date falls in (before the first period: the first). A period
whose figures are locked keeps the records stored when it was locked; a record dated in a locked
period that was not among them (attendance recorded after the lock) is a *late addition* and counts
in the first later period whose figures are not locked. A record counts once for the project: one
stored in any locked period is never counted again elsewhere.
"""

import bisect
import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Window:
    number: int
    start: datetime.date
    end: datetime.date


@dataclass
class Share:
    """One period's part of an indicator: its records, those of them that came late, its value."""

    ids: list[int] = field(default_factory=list)
    late: list[int] = field(default_factory=list)
    value: Decimal = Decimal(0)
    locked: bool = False


def digest(ids) -> str:
    """The SHA-256 of a figure's record ids (sorted, comma-separated): the same records, the same digest."""
    return hashlib.sha256(",".join(str(pk) for pk in sorted(ids)).encode()).hexdigest()


def earliest(rows) -> dict[int, datetime.date]:
    """{record id: its earliest date} of ``(id, date, partner)`` rows."""
    found: dict[int, datetime.date] = {}
    for pk, day, _partner in rows:
        if day is not None and (pk not in found or day < found[pk]):
            found[pk] = day
    return found


def share_out(
    dated: dict[int, datetime.date], windows: list[Window], locked: dict[int, list[int]]
) -> dict[int, Share]:
    """Return {period number: Share} for every window (ordered by number).

    ``locked``: {period number: record ids stored when it was locked} for the periods whose figures
    are locked.
    """
    starts = [window.start for window in windows]
    numbers = [window.number for window in windows]
    shares = {number: Share() for number in numbers}
    stored = set()
    for number, ids in locked.items():
        if number in shares:
            shares[number] = Share(ids=sorted(ids), value=Decimal(len(ids)), locked=True)
            stored.update(ids)
    # For each position, the first position from there on whose figures are not locked.
    next_open: list[int | None] = [None] * len(windows)
    following = None
    for position in range(len(windows) - 1, -1, -1):
        if numbers[position] not in locked:
            following = position
        next_open[position] = following
    for pk, day in dated.items():
        if pk in stored or day > windows[-1].end:
            continue
        position = max(bisect.bisect_right(starts, day) - 1, 0)
        target = next_open[position]
        if target is None:
            continue
        share = shares[numbers[target]]
        share.ids.append(pk)
        if target != position:
            share.late.append(pk)
    for share in shares.values():
        if not share.locked:
            share.ids.sort()
            share.late.sort()
            share.value = Decimal(len(share.ids))
    return shares
