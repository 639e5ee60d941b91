import datetime

import pytest

from secon.indicators.checks import pre_submission
from secon.policy.models import PolicyInstrument
from secon.practices.models import GoodPractice
from tests.indicators.conftest import instrument_with_action

pytestmark = pytest.mark.django_db


def messages(world, number=1):
    return [
        (finding.blocking, finding.message)
        for finding in pre_submission(project=world.project, number=number)
    ]


def test_a_clean_first_period_has_nothing_to_say(world):
    assert messages(world) == []


def test_an_adopted_instrument_without_evidence_blocks(world):
    PolicyInstrument.objects.create(
        project=world.project,
        partner=world.partners[1],
        name={"en": "Social economy law"},
        kind="law",
        managing_body="Parliament",
        status="validated",
        adopted_on=datetime.date(2024, 1, 1),
        adopted_by="Parliament",
    )
    found = messages(world)
    assert found == [
        (
            True,
            "PP2: “Social economy law” is marked adopted without its evidence "
            "(document, date, adopting body).",
        )
    ]


def test_an_action_with_no_inspiring_practice_is_a_warning_not_a_block(world):
    instrument_with_action(world)
    assert messages(world) == [
        (False, "PP1: the action “Shepherd school” names no good practice that inspired it.")
    ]


def test_an_inspired_action_raises_no_warning(world):
    practice = GoodPractice.objects.filter(status="approved").first()
    instrument_with_action(world, practices=[practice])
    assert messages(world) == []


def test_periods_left_unreported_block_a_later_one(world):
    assert messages(world, 3) == [(True, "Periods 1, 2 are not reported yet: report the periods in order.")]
