"""SECON's first four semesters in miniature: three partners, events with attendance, practices.

Period 1: Mar–Aug 2023, 2: Sep 2023–Feb 2024, 3: Mar–Aug 2024, 4: Sep 2024–Feb 2025.
"""

import datetime
from dataclasses import dataclass, field

import pytest

from django.test import Client
from django.utils import timezone

from secon.events.models import Attendance, Registration
from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory, PartnerFactory, PersonFactory, ProjectFactory
from tests.governance.conftest import member
from tests.practices.factories import GoodPracticeFactory

D = datetime.date


def attend(event, person, partner=None, days=1) -> Registration:
    """Register ``person`` for ``event`` and check them in on its first ``days`` days."""
    registration = Registration.objects.create(
        project=event.project,
        event=event,
        person=person,
        organisation=person.organisation,  # as registering stores it
        partner=partner,
        status="confirmed",
    )
    for offset in range(days):
        day = event.start_date + datetime.timedelta(days=offset)
        Attendance.objects.create(
            project=event.project,
            registration=registration,
            day=day,
            checked_in_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))),
        )
    return registration


def approved_practice(project, organisation, day: datetime.date, **values):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return GoodPracticeFactory(
        project=project, organisation=organisation, status="approved", published_at=moment, **values
    )


@dataclass
class World:
    project: object
    partners: list
    people: list
    events: dict
    users: dict = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


@pytest.fixture
def world(db) -> World:
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    partners = [PartnerFactory(project=project, number=n + 1) for n in range(3)]
    other_organisation = OrganisationFactory(name="Cooperativa Uno")
    people = [
        PersonFactory(first_name="Ana", last_name="Alba", organisation=partners[0].organisation),
        PersonFactory(first_name="Bo", last_name="Berg", organisation=partners[1].organisation),
        PersonFactory(first_name="Cai", last_name="Chen", organisation=other_organisation),
        PersonFactory(first_name="Dora", last_name="Dunn", organisation=None),
    ]
    events = {
        "kickoff": EventFactory(
            project=project, slug="kickoff", start_date=D(2023, 5, 24), end_date=D(2023, 5, 25)
        ),
        "haskovo": EventFactory(
            project=project,
            slug="haskovo",
            kind="study_visit",
            start_date=D(2023, 11, 8),
            end_date=D(2023, 11, 9),
        ),
        "rsg": EventFactory(
            project=project,
            slug="rsg-1",
            kind="stakeholder_group",
            start_date=D(2024, 4, 10),
            end_date=D(2024, 4, 10),
            host_partner=partners[1],
        ),
        "caceres": EventFactory(
            project=project, slug="caceres", start_date=D(2024, 10, 22), end_date=D(2024, 10, 25)
        ),
        "committee": EventFactory(
            project=project,
            slug="committee",
            kind="steering_committee",
            start_date=D(2024, 10, 24),
            end_date=D(2024, 10, 24),
        ),
    }
    # Period 1: Ana and Bo at the kick-off (two days each: still one participation each).
    attend(events["kickoff"], people[0], partners[0], days=2)
    attend(events["kickoff"], people[1], partners[1], days=2)
    # Period 2: Ana again, Cai for the first time.
    attend(events["haskovo"], people[0], partners[0])
    attend(events["haskovo"], people[2], partners[2])
    # Period 3: a stakeholder group's meeting (regional: no participation, but a meeting held).
    attend(events["rsg"], people[3], partners[1])
    # Period 4: Cáceres (Ana, Bo, Dora) and the committee (Ana, not a learning event).
    attend(events["caceres"], people[0], partners[0], days=4)
    attend(events["caceres"], people[1], partners[1])
    attend(events["caceres"], people[3], partners[2])
    attend(events["committee"], people[0], partners[0])
    approved_practice(project, partners[0].organisation, D(2023, 7, 1))
    approved_practice(project, partners[1].organisation, D(2024, 11, 2))
    GoodPracticeFactory(project=project, organisation=partners[1].organisation, status="submitted")
    users = {
        "coordinator": member(project, "coordinator", first_name="Chris", last_name="Coord"),
        "partner": member(project, "partner_editor", partners[0].organisation),
        "viewer": member(project, "viewer"),
    }
    other = ProjectFactory(slug="other")
    users["other"] = member(other, "coordinator")
    return World(project, partners, people, events, users)


def instrument_with_action(world, *, implemented_on=None, practices=()):
    """An instrument of the first partner, its draft action plan and one action (implemented on a day)."""
    from secon.core.permissions import SYSTEM
    from secon.policy import actions, plans
    from secon.policy import services as policy_services

    instrument = policy_services.create_instrument(
        actor=SYSTEM,
        project=world.project,
        partner=world.partners[0],
        name={"en": "ERDF programme"},
        kind="programme",
        managing_body="Managing authority",
    )
    plan = plans.create_plan(actor=SYSTEM, instrument=instrument, title="Rural social enterprises")
    action = actions.add_action(
        actor=SYSTEM, plan=plan, title="Shepherd school", practice_ids=[p.pk for p in practices]
    )
    if implemented_on:
        actions.record_progress(
            actor=SYSTEM, action=action, text="Opened.", status="implemented", implemented_on=implemented_on
        )
    return instrument, action
