"""A project with three partners, a steering committee and people in every role."""

import datetime
from dataclasses import dataclass, field

import pytest

from django.test import Client
from django.utils import timezone

from secon.accounts.services import grant_role
from secon.core.permissions import SYSTEM
from secon.governance.services import agenda, committees, meetings
from tests.accounts.world import enable_two_factor
from tests.factories import PartnerFactory, ProjectFactory, UserFactory


@dataclass
class Committee:
    project: object
    committee: object
    partners: list
    seats: list
    users: dict = field(default_factory=dict)
    other_project: object = None

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def member(project, role="viewer", organisation=None, **values):
    user = UserFactory(**values)
    grant_role(actor=None, user=user, project=project, role=role, organisation=organisation)
    if role == "coordinator":
        enable_two_factor(user)
    return user


@pytest.fixture
def world(db) -> Committee:
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    partners = [PartnerFactory(project=project, number=n + 1) for n in range(3)]
    users = {
        "coordinator": member(project, "coordinator", first_name="Chris", last_name="Coord"),
        "partner": member(
            project, "partner_editor", partners[0].organisation, first_name="Eva", preferred_language="de"
        ),
        "partner2": member(project, "partner_editor", partners[1].organisation, preferred_language="es"),
        "viewer": member(project, "viewer"),
        "substitute": member(project, "viewer", preferred_language="el"),
    }
    other = ProjectFactory(slug="other")
    users["other"] = member(other, "coordinator")
    committee = committees.create_committee(
        actor=SYSTEM,
        project=project,
        slug="sc",
        kind="steering",
        name={"en": "Steering committee"},
        code="SC",
    )
    seats = [committees.add_seat(actor=SYSTEM, committee=committee, partner=partner) for partner in partners]
    start = datetime.date(2024, 1, 1)
    committees.appoint_holder(
        actor=SYSTEM, seat=seats[0], user=users["partner"], role="representative", valid_from=start
    )
    committees.appoint_holder(
        actor=SYSTEM, seat=seats[1], user=users["partner2"], role="representative", valid_from=start
    )
    committees.appoint_holder(
        actor=SYSTEM, seat=seats[0], user=users["substitute"], role="substitute", valid_from=start
    )
    return Committee(
        project=project, committee=committee, partners=partners, seats=seats, users=users, other_project=other
    )


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


@pytest.fixture
def meeting(world):
    """A draft meeting 30 days ahead with a two-level agenda."""
    found = meetings.create_meeting(
        actor=SYSTEM,
        committee=world.committee,
        title={"en": "Third meeting", "es": "Tercera reunión"},
        starts_at=in_days(30),
        ends_at=in_days(30, 12),
        time_zone="Europe/Madrid",
        location="Cáceres",
    )
    first = agenda.add_item(
        actor=SYSTEM, meeting=found, title={"en": "Progress review"}, kind="information", duration_minutes=30
    )
    agenda.add_item(actor=SYSTEM, meeting=found, parent=first, title={"en": "Finances"}, kind="discussion")
    agenda.add_item(
        actor=SYSTEM, meeting=found, title={"en": "Next steps"}, kind="decision", rapporteur=world.partners[0]
    )
    return found


@pytest.fixture
def closed_meeting(world, meeting):
    """The meeting held and closed: two seats present, a two-thirds vote that passed on item 2
    ("Next steps"), its decision SC1-D01 and an action from it."""
    from secon.governance.models import AgendaItem
    from secon.governance.services import actions, attendance, decisions, votes

    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    for user in (world.users["partner"], world.users["partner2"]):
        attendance.mark_attendance(actor=SYSTEM, meeting=meeting, user=user)
    item = AgendaItem.objects.get(meeting=meeting, title__en="Next steps")
    vote = votes.create_vote(
        actor=SYSTEM, meeting=meeting, question={"en": "Adopt the work plan?"}, rule="two_thirds", item=item
    )
    votes.open_vote(actor=SYSTEM, vote=vote)
    votes.cast_ballot(actor=world.users["partner"], vote=vote, choice="yes")
    votes.cast_ballot(actor=world.users["partner2"], vote=vote, choice="yes")
    votes.close_vote(actor=SYSTEM, vote=vote)
    decision = decisions.record_decision(
        actor=SYSTEM,
        meeting=meeting,
        title={"en": "Work plan adopted", "es": "Plan de trabajo adoptado"},
        text={"en": "The committee adopts the work plan.", "es": "El comité adopta el plan de trabajo."},
        vote=vote,
    )
    actions.create_action(
        actor=SYSTEM,
        committee=world.committee,
        what="Send the work plan to the programme",
        due_on=timezone.localdate() + datetime.timedelta(days=40),
        owner_partner=world.partners[0],
        decision=decision,
    )
    meetings.close_meeting(actor=SYSTEM, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def next_meeting_approving(world, first, *, days=45):
    """Meeting 2, convened, in session, whose item 1 approves the minutes of ``first``."""
    second = meetings.create_meeting(
        actor=SYSTEM,
        committee=world.committee,
        title={"en": "Fourth meeting"},
        starts_at=in_days(days),
        ends_at=in_days(days, 12),
        time_zone="Europe/Madrid",
    )
    item = agenda.add_item(
        actor=SYSTEM,
        meeting=second,
        title={"en": "Approval of the minutes"},
        kind="minutes",
        minutes_of=first,
    )
    meetings.convene_meeting(actor=SYSTEM, meeting=second)
    meetings.start_meeting(actor=SYSTEM, meeting=second)
    return second, item
