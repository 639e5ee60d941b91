"""A hundred seats (sixty on SQLite, which serialises writers) vote at once by written procedure over
HTTP, each twice: every seat counted once, with its latest ballot; the task closes it and nothing is
counted after the deadline. CI's PostgreSQL pass (``SECON_TEST_DATABASE_URL``) runs it with 100."""

import datetime
import threading

import pytest
from django_scopes import scopes_disabled

from django.db import connection
from django.test import Client
from django.utils import timezone

from secon.core.permissions import SYSTEM
from secon.governance.models import Ballot, WrittenProcedure
from secon.governance.services import committees, procedures
from secon.governance.tasks import run_written_procedures
from tests.factories import PartnerFactory, ProjectFactory
from tests.governance.conftest import member

#: Seats voting at once: the issue's hundred on PostgreSQL; sixty on SQLite, which has one writer.
SEATS_POSTGRESQL, SEATS_SQLITE = 100, 60


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_seats_voting_at_once_are_each_counted_once_with_their_latest_ballot():
    seats = SEATS_POSTGRESQL if connection.vendor == "postgresql" else SEATS_SQLITE
    project = ProjectFactory(slug="wp")
    committee = committees.create_committee(
        actor=SYSTEM, project=project, slug="sc", kind="steering", name={"en": "SC"}
    )
    users = []
    for n in range(seats):
        partner = PartnerFactory(project=project, number=n + 1)
        seat = committees.add_seat(actor=SYSTEM, committee=committee, partner=partner)
        user = member(project, "partner_editor", partner.organisation)
        committees.appoint_holder(
            actor=SYSTEM,
            seat=seat,
            user=user,
            role="representative",
            valid_from=timezone.localdate() - datetime.timedelta(days=1),
        )
        users.append(user)
    procedure = procedures.open_procedure(
        actor=SYSTEM,
        committee=committee,
        kind="question",
        title={"en": "Extend the project?"},
        question={"en": "Do we ask the programme for a six-month extension?"},
        deadline=timezone.now() + datetime.timedelta(days=3),
        time_zone="Europe/Madrid",
        rule="two_thirds",
    )
    url = f"/en/wp/committee/sc/procedures/{procedure.pk}/"
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(seats)
    limit = threading.BoundedSemaphore(30 if connection.vendor == "postgresql" else seats)
    statuses: list[tuple[int, int]] = []
    errors: list[str] = []

    def vote_twice(n: int) -> None:
        barrier.wait()
        with limit, scopes_disabled():
            try:
                first = clients[n].post(url, {"choice": "no"})
                second = clients[n].post(url, {"choice": "yes" if n % 4 else "abstain"})
                statuses.append((first.status_code, second.status_code))
            except Exception as error:  # pragma: no cover - reported below
                errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=vote_twice, args=(n,)) for n in range(seats)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(set(statuses)) == [(302, 302)]
    assert Ballot.objects.filter(vote=procedure.vote).count() == seats
    procedure.refresh_from_db()
    run_written_procedures(now=(procedure.deadline + datetime.timedelta(minutes=1)).isoformat())
    closed = WrittenProcedure.objects.get(pk=procedure.pk)
    result = closed.vote.result
    abstaining = len(range(0, seats, 4))  # every fourth seat abstains in the end, the others say yes
    assert (result["yes"], result["no"], result["abstain"]) == (seats - abstaining, 0, abstaining)
    assert result["passed"] and closed.decision.number.startswith("WP-")
    late = clients[0].post(url, {"choice": "no"})
    assert late.status_code == 400
    assert Ballot.objects.filter(vote=procedure.vote, choice="no").count() == 0
