"""A hundred seats vote at once over the request stack: every ballot counted once, none after closing."""

import threading

import pytest
from django_scopes import scopes_disabled

from django.db import connection
from django.test import Client

from secon.core.permissions import SYSTEM
from secon.governance.models import Ballot
from secon.governance.services import agenda, attendance, committees, meetings, votes
from tests.factories import PartnerFactory, ProjectFactory
from tests.governance.conftest import in_days, member

SEATS = 100


@pytest.fixture(autouse=True)
def _as_installed(database_queue):
    """The notices go to the database queue, as in production: rendering each seat's e-mail (with the
    agenda's PDF) at once in this process took most of the test's time and is not what it tests."""


def gate() -> threading.BoundedSemaphore:
    """PostgreSQL allows 100 connections (shared by everyone on the machine): 30 at once."""
    return threading.BoundedSemaphore(30 if connection.vendor == "postgresql" else SEATS)


@pytest.mark.slow  # 100 s at load 11 (SQLite): started first, so that it does not finish last
@pytest.mark.django_db(transaction=True)
def test_100_seats_voting_at_once_are_each_counted_once():
    project = ProjectFactory(slug="big")
    committee = committees.create_committee(
        actor=SYSTEM, project=project, slug="sc", kind="steering", name={"en": "SC"}
    )
    meeting = meetings.create_meeting(
        actor=SYSTEM,
        committee=committee,
        title={"en": "M"},
        starts_at=in_days(20),
        ends_at=in_days(20, 12),
        time_zone="UTC",
    )
    agenda.add_item(actor=SYSTEM, meeting=meeting, title={"en": "Decision"}, kind="decision")
    users = []
    for n in range(SEATS):
        partner = PartnerFactory(project=project, number=n + 1)
        seat = committees.add_seat(actor=SYSTEM, committee=committee, partner=partner)
        user = member(project, "partner_editor", partner.organisation)
        committees.appoint_holder(
            actor=SYSTEM, seat=seat, user=user, role="representative", valid_from=in_days(-1).date()
        )
        users.append(user)
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    for user in users:
        attendance.mark_attendance(actor=SYSTEM, meeting=meeting, user=user)
    vote = votes.create_vote(actor=SYSTEM, meeting=meeting, question={"en": "Approve?"}, rule="two_thirds")
    votes.open_vote(actor=SYSTEM, vote=vote)
    url = f"/en/big/committee/sc/votes/{vote.pk}/ballot/"
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(SEATS)
    limit = gate()
    statuses: list[tuple[int, int]] = []
    errors: list[str] = []

    def vote_twice(n: int) -> None:
        barrier.wait()
        with limit, scopes_disabled():
            try:
                choice = "yes" if n % 3 else "no"
                first = clients[n].post(url, {"choice": choice})
                second = clients[n].post(url, {"choice": "abstain"})
                statuses.append((first.status_code, second.status_code))
            except Exception as error:  # pragma: no cover - reported below
                errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=vote_twice, args=(n,)) for n in range(SEATS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(set(statuses)) == [(302, 400)]
    assert Ballot.objects.filter(vote=vote).count() == SEATS
    closed = votes.close_vote(actor=SYSTEM, vote=vote)
    assert (closed.result["yes"], closed.result["no"], closed.result["abstain"]) == (66, 34, 0)
    assert closed.result["needed"] == 67 and closed.result["passed"] is False
    late = Client()
    late.force_login(users[0])
    assert late.post(url, {"choice": "yes"}).status_code == 400
    assert Ballot.objects.filter(vote=vote).count() == SEATS
