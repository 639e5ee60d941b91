import datetime

from secon.indicators.computation import Window, digest, earliest, share_out

D = datetime.date
WINDOWS = [
    Window(1, D(2023, 3, 1), D(2023, 8, 31)),
    Window(2, D(2023, 9, 1), D(2024, 2, 29)),
    Window(3, D(2024, 3, 1), D(2024, 8, 31)),
]


def test_each_record_falls_in_the_period_of_its_date():
    shares = share_out({1: D(2023, 3, 1), 2: D(2023, 9, 1), 3: D(2024, 8, 31)}, WINDOWS, {})
    assert [shares[n].ids for n in (1, 2, 3)] == [[1], [2], [3]]
    assert shares[2].value == 1 and not shares[2].late


def test_a_record_before_the_project_counts_in_the_first_period_and_after_the_last_nowhere():
    shares = share_out({1: D(2020, 1, 1), 2: D(2025, 1, 1)}, WINDOWS, {})
    assert shares[1].ids == [1]
    assert all(2 not in share.ids for share in shares.values())


def test_a_locked_period_keeps_its_records_and_a_late_record_counts_in_the_next_open_one():
    dated = {1: D(2023, 4, 1), 2: D(2023, 5, 1), 3: D(2023, 10, 1)}
    shares = share_out(dated, WINDOWS, {1: [1]})
    assert shares[1].ids == [1] and shares[1].locked
    assert shares[2].ids == [2, 3] and shares[2].late == [2]
    assert shares[3].ids == []


def test_a_late_record_skips_every_locked_period_and_a_stored_record_never_counts_twice():
    dated = {1: D(2023, 4, 1), 2: D(2023, 5, 1), 4: D(2024, 1, 1)}
    shares = share_out(dated, WINDOWS, {1: [1, 4], 2: []})
    assert shares[3].ids == [2] and shares[3].late == [2]
    assert shares[1].value == 2  # 4 stays where it was reported, though its date says period 2


def test_earliest_keeps_the_first_date_of_each_record():
    rows = [(1, D(2024, 1, 1), 7), (1, D(2023, 1, 1), 8), (2, None, 7)]
    assert earliest(rows) == {1: D(2023, 1, 1)}


def test_the_digest_depends_on_the_records_not_their_order():
    assert digest([3, 1, 2]) == digest([1, 2, 3]) != digest([1, 2])
    assert len(digest([])) == 64
