"""The learning chain: a practice's steps in order with dates, who attended, and bounded queries."""

import datetime

import pytest

from secon.core.permissions import SYSTEM
from secon.events.services import attendance
from secon.policy import actions, chain, plans, services
from secon.practices.models import Transfer, TransferStep
from tests.events.factories import EventFactory, SessionFactory, published, register
from tests.policy.conftest import evidence_file

pytestmark = pytest.mark.django_db

BASE = "/en/secon/policy/"


def _chain_world(world, practices):
    event = EventFactory(
        project=world.project, start_date=datetime.date.today(), end_date=datetime.date.today()
    )
    registration = register(event, 1, first_name="Ana", last_name="Visitor", partner=world.partners[0])
    for practice in practices:
        session = SessionFactory(event=event)
        session.practices.add(practice)
    attendance.check_in(actor=SYSTEM, registration=registration, day=event.start_date)
    plan = plans.create_plan(actor=SYSTEM, instrument=world.instruments[0], title="Plan")
    for practice in practices:
        transfer = Transfer.objects.create(
            practice=practice,
            project=world.project,
            partner=world.partners[0],
            region=world.partners[0].regions.first(),
        )
        TransferStep.objects.create(transfer=transfer, stage="interest", date=datetime.date(2025, 1, 5))
        action = actions.add_action(
            actor=SYSTEM,
            plan=plan,
            title=f"Action after {practice.pk}",
            start_month=datetime.date(2025, 3, 1),
        )
        actions.link_transfer(actor=SYSTEM, action=action, transfer=transfer)
    instrument = world.instruments[0]
    for status in ("addressed", "proposed"):
        instrument = services.change_status(actor=SYSTEM, instrument=instrument, status=status)
    services.change_status(
        actor=SYSTEM,
        instrument=instrument,
        status="adopted",
        evidence=evidence_file(),
        adopted_on=datetime.date(2025, 6, 10),
        adopted_by="Regional council",
        improvement="structural",
    )
    return plan


def test_a_practice_chain_runs_from_documented_to_the_policy_change(world):
    practice = published(world.project)
    _chain_world(world, [practice])
    [found] = chain.build_chains(project=world.project, practices=[practice])
    assert [step.kind for step in found.steps] == ["documented", "event", "transfer", "action", "change"]
    event_step = found.steps[1]
    assert event_step.people_count == 1 and event_step.people[0].startswith("Ana Visitor")
    assert found.steps[-1].date == datetime.date(2025, 6, 10) and found.reached_change


def test_the_timeline_pages_run_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    practices = [published(world.project, title=f"Practice {n}") for n in range(6)]
    plan = _chain_world(world, practices)
    client = world.client("viewer")
    for url in (
        f"{BASE}timeline/practice/{practices[0].pk}/",
        f"{BASE}timeline/partner/{world.partners[0].pk}/",
        f"{BASE}{plan.instrument_id}/timeline/",
    ):
        with django_assert_max_num_queries(20):
            page = client.get(url)
        assert page.status_code == 200
        assert "Policy change adopted" in page.content.decode()


def test_a_partner_chain_shows_only_its_own_people_and_actions(world):
    practice = published(world.project)
    _chain_world(world, [practice])
    [found] = chain.build_chains(project=world.project, practices=[practice], partner=world.partners[1])
    assert [step.kind for step in found.steps] == ["documented", "event"]
    assert found.steps[1].people_count == 0


def test_an_unpublished_practice_of_another_project_has_no_timeline_here(world):
    from tests.factories import ProjectFactory
    from tests.practices.factories import GoodPracticeFactory

    hidden = GoodPracticeFactory(project=ProjectFactory(), status="draft")
    assert world.client("viewer").get(f"{BASE}timeline/practice/{hidden.pk}/").status_code == 404
    assert world.client("viewer").get(f"{BASE}timeline/partner/999999/").status_code == 404


def test_the_project_page_shows_the_chains_that_reached_a_change(world, django_capture_on_commit_callbacks):
    practice = published(world.project, title="REMUDARTE")
    _chain_world(world, [practice])
    rows = chain.changed_chains(project=world.project, public=True)
    assert [(row["practice"], row["instrument"]) for row in rows] == [(practice, world.instruments[0])]
    page = world.client("anonymous").get("/en/secon/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "From good practices to policy changes" in text and "Action after" in text
    with django_capture_on_commit_callbacks(execute=True):  # the cached page is refreshed on commit
        services.update_instrument(actor=SYSTEM, instrument=world.instruments[0], is_public=False)
    assert chain.changed_chains(project=world.project, public=True) == []
    assert "Action after" not in world.client("anonymous").get("/en/secon/").content.decode()


def test_a_change_adopted_before_an_action_began_is_not_its_outcome(world):
    practice = published(world.project)
    plan = _chain_world(world, [practice])
    later = published(world.project, title="Later")
    actions.add_action(
        actor=SYSTEM, plan=plan, title="Late", practice_ids=[later.pk], start_month=datetime.date(2026, 1, 1)
    )
    [found] = chain.build_chains(project=world.project, practices=[later])
    assert "change" not in found.kinds
    assert [row["practice"] for row in chain.changed_chains(project=world.project)] == [practice]
