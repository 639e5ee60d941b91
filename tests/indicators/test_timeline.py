"""The learning timeline's indicator step: where a record of the chain was counted in a reported period."""

import datetime

import pytest

from secon.core.permissions import SYSTEM
from secon.indicators import services
from secon.policy import chain
from secon.practices.models import GoodPractice
from tests.indicators.conftest import instrument_with_action

pytestmark = pytest.mark.django_db

D = datetime.date


def lock(world, number):
    services.move_period(actor=SYSTEM, project=world.project, number=number, to="review")
    return services.move_period(actor=SYSTEM, project=world.project, number=number, to="reported")


def _practice(world):
    """The practice approved in period 1 (July 2023), inspiring an action implemented in June 2023."""
    practice = GoodPractice.objects.get(project=world.project, published_at__date=D(2023, 7, 1))
    _instrument, action = instrument_with_action(world, implemented_on=D(2023, 6, 1), practices=[practice])
    return practice, action


def test_a_practice_and_an_action_counted_in_a_reported_period_show_where(world):
    practice, action = _practice(world)
    [found] = chain.build_chains(project=world.project, practices=[practice])
    assert "indicator" not in found.kinds  # period 1 is not reported yet
    report = lock(world, 1)
    [found] = chain.build_chains(project=world.project, practices=[practice])
    counted = [step for step in found.steps if step.kind == "indicator"]
    assert [step.title for step in counted] == [
        "Counted in period 1 for the indicator “Good practices identified”",
        "Counted in period 1 for the indicator “Action-plan actions implemented”",
    ]
    assert counted[1].detail == action.title
    assert counted[0].date == report.locked_at.date()
    assert counted[0].link == "/en/secon/indicators/periods/1/good-practices/"
    assert found.steps[-1].kind == "indicator"  # the chain's last step


def test_a_period_reopened_in_full_no_longer_counts_until_it_is_reported_again(world):
    practice, _action = _practice(world)
    lock(world, 1)
    services.move_period(
        actor=SYSTEM, project=world.project, number=1, to="reopened", reason="Typo", scope="full"
    )
    [found] = chain.build_chains(project=world.project, practices=[practice])
    assert "indicator" not in found.kinds
    services.move_period(actor=SYSTEM, project=world.project, number=1, to="reported")
    [found] = chain.build_chains(project=world.project, practices=[practice])
    assert len([step for step in found.steps if step.kind == "indicator"]) == 2


def test_the_timeline_page_links_each_counted_step_to_its_drill_down(world, django_assert_max_num_queries):
    practice, _action = _practice(world)
    lock(world, 1)
    client = world.client("viewer")
    with django_assert_max_num_queries(20):
        page = client.get(f"/en/secon/policy/timeline/practice/{practice.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Counted in period 1 for the indicator" in text
    assert 'href="/en/secon/indicators/periods/1/actions-implemented/"' in text
    drill_down = client.get("/en/secon/indicators/periods/1/actions-implemented/")
    assert drill_down.status_code == 200 and "Shepherd school" in drill_down.content.decode()
