"""Derive a project's phases and reporting periods from its dates (pure functions, no database)."""

import calendar
import datetime
from dataclasses import dataclass

from secon.projects.enums import PhaseKind


@dataclass(frozen=True)
class Span:
    kind: str
    start: datetime.date
    end: datetime.date
    number: int = 0


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the same day ``months`` later, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def phases_for(
    *, start: datetime.date, end: datetime.date, core_months: int, follow_up_months: int
) -> list[Span]:
    """Cut ``start``–``end`` into core, follow-up and closure phases, each ending by ``end``."""
    spans = []
    cursor = start
    for kind, months in ((PhaseKind.CORE, core_months), (PhaseKind.FOLLOW_UP, follow_up_months)):
        if cursor > end or months == 0:
            continue
        phase_end = min(add_months(cursor, months) - datetime.timedelta(days=1), end)
        spans.append(Span(kind=kind, start=cursor, end=phase_end))
        cursor = phase_end + datetime.timedelta(days=1)
    if cursor <= end:
        spans.append(Span(kind=PhaseKind.CLOSURE, start=cursor, end=end))
    return spans


def periods_for(phases: list[Span], *, period_months: int) -> list[Span]:
    """Cut the core and follow-up phases into reporting periods; closure joins the last one."""
    periods: list[Span] = []
    for phase in phases:
        if phase.kind == PhaseKind.CLOSURE:
            if periods:
                last = periods[-1]
                periods[-1] = Span(kind=last.kind, start=last.start, end=phase.end, number=last.number)
            else:
                periods.append(Span(kind=phase.kind, start=phase.start, end=phase.end, number=1))
            continue
        cursor = phase.start
        while cursor <= phase.end:
            period_end = min(add_months(cursor, period_months) - datetime.timedelta(days=1), phase.end)
            periods.append(Span(kind=phase.kind, start=cursor, end=period_end, number=len(periods) + 1))
            cursor = period_end + datetime.timedelta(days=1)
    return periods
