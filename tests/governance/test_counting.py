import pytest

from django.utils import translation

from secon.governance import counting


@pytest.mark.parametrize(
    "present, basis, numerator, denominator, comparison, rounding, needed, quorate",
    [
        (5, 10, 1, 2, "gte", "up", 5, True),
        (5, 10, 1, 2, "gt", "up", 6, False),
        (5, 9, 1, 2, "gte", "up", 5, True),  # ⌈4.5⌉ = 5
        (4, 9, 1, 2, "gte", "down", 4, True),  # ⌊4.5⌋ = 4
        (4, 9, 1, 2, "gte", "none", 5, False),  # 4 < 4.5
        (5, 9, 1, 2, "gt", "none", 5, True),  # 5 > 4.5
        (6, 9, 2, 3, "gte", "up", 6, True),
        (0, 0, 1, 2, "gte", "up", 0, True),
    ],
)
def test_quorum_rules(present, basis, numerator, denominator, comparison, rounding, needed, quorate):
    result = counting.quorum(
        present=present,
        basis=basis,
        numerator=numerator,
        denominator=denominator,
        comparison=comparison,
        rounding=rounding,
    )
    assert (result["needed"], result["quorate"]) == (needed, quorate)


def test_quorum_is_told_with_its_arithmetic():
    snapshot = counting.quorum(
        present=6, basis=10, numerator=1, denominator=2, comparison="gte", rounding="up"
    )
    assert counting.describe_quorum(snapshot) == "6 of 10 present; needed ≥ ⌈1/2 × 10⌉ = 5; quorate"
    with translation.override("de"):
        assert "beschlussfähig" in counting.describe_quorum(snapshot)


@pytest.mark.parametrize(
    "rule, yes, no, abstain, basis, needed, passed",
    [
        ("two_thirds", 6, 3, 0, 10, 6, True),
        ("two_thirds", 5, 3, 1, 10, 6, False),
        ("two_thirds", 0, 0, 3, 10, 1, False),
        ("simple", 4, 3, 2, 10, 4, True),
        ("simple", 3, 3, 0, 10, 4, False),
        ("absolute", 5, 0, 4, 10, 6, False),
        ("absolute", 6, 3, 0, 10, 6, True),
        ("absolute", 5, 0, 0, 9, 5, True),
        ("unanimity", 7, 0, 2, 10, 7, True),
        ("unanimity", 7, 1, 0, 10, 8, False),
    ],
)
def test_vote_rules(rule, yes, no, abstain, basis, needed, passed):
    result = counting.count(rule=rule, yes=yes, no=no, abstain=abstain, voting_basis=basis)
    assert (result["needed"], result["passed"]) == (needed, passed)


def test_the_result_states_its_arithmetic_in_the_readers_language():
    result = counting.count(rule="two_thirds", yes=6, no=3, abstain=0, voting_basis=10)
    assert counting.describe_result(result) == "6 of 9 voted yes; needed 6 = ⌈2/3 × 9⌉; passed"
    with_abstention = counting.count(rule="two_thirds", yes=5, no=3, abstain=1, voting_basis=10)
    assert counting.describe_result(with_abstention) == (
        "5 of 8 voted yes; needed 6 = ⌈2/3 × 8⌉; not passed (1 abstained; abstentions are not votes cast)"
    )
    absolute = counting.count(rule="absolute", yes=6, no=3, abstain=0, voting_basis=10)
    assert (
        counting.describe_result(absolute)
        == "6 of 10 voting seats voted yes; needed 6 = more than half of 10 voting seats; passed"
    )
    with translation.override("es"):
        assert counting.describe_result(result) == "6 de 9 votaron sí; se necesitaban 6 = ⌈2/3 × 9⌉; aprobada"
