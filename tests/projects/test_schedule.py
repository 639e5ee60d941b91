import datetime

from secon.projects.enums import PhaseKind
from secon.projects.schedule import add_months, periods_for, phases_for


def test_secon_dates_give_core_follow_up_and_closure_with_eight_periods():
    phases = phases_for(
        start=datetime.date(2023, 3, 1),
        end=datetime.date(2027, 5, 31),
        core_months=36,
        follow_up_months=12,
    )
    assert [(p.kind, p.start, p.end) for p in phases] == [
        (PhaseKind.CORE, datetime.date(2023, 3, 1), datetime.date(2026, 2, 28)),
        (PhaseKind.FOLLOW_UP, datetime.date(2026, 3, 1), datetime.date(2027, 2, 28)),
        (PhaseKind.CLOSURE, datetime.date(2027, 3, 1), datetime.date(2027, 5, 31)),
    ]
    periods = periods_for(phases, period_months=6)
    assert [p.number for p in periods] == list(range(1, 9))
    assert (periods[0].start, periods[0].end) == (
        datetime.date(2023, 3, 1),
        datetime.date(2023, 8, 31),
    )
    assert (periods[1].start, periods[1].end) == (
        datetime.date(2023, 9, 1),
        datetime.date(2024, 2, 29),
    )
    # The closure months are reported with the last follow-up period.
    assert (periods[-1].kind, periods[-1].end) == (PhaseKind.FOLLOW_UP, datetime.date(2027, 5, 31))


def test_a_project_shorter_than_its_core_phase_has_only_core_periods():
    phases = phases_for(
        start=datetime.date(2024, 1, 15),
        end=datetime.date(2024, 12, 31),
        core_months=36,
        follow_up_months=12,
    )
    assert [p.kind for p in phases] == [PhaseKind.CORE]
    periods = periods_for(phases, period_months=6)
    assert [(p.start, p.end) for p in periods] == [
        (datetime.date(2024, 1, 15), datetime.date(2024, 7, 14)),
        (datetime.date(2024, 7, 15), datetime.date(2024, 12, 31)),
    ]


def test_add_months_clamps_to_the_last_day_of_the_month():
    assert add_months(datetime.date(2023, 8, 31), 6) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2023, 12, 15), 1) == datetime.date(2024, 1, 15)
