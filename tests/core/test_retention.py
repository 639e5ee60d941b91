"""Retention: a dry run says what is due per category; the purge removes it, legal holds excepted."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from secon.core import retention
from secon.core.tasks.schedule import SCHEDULE
from secon.events.models import Registration
from secon.events.services import registrations
from secon.mail.models import Email
from secon.organisations.models import Person
from secon.organisations.services import update_person
from tests.events.factories import EventFactory, registration_values
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    project = ProjectFactory(slug="secon")
    today = timezone.localdate()
    old = EventFactory(
        project=project,
        slug="old",
        status="published",
        start_date=today - datetime.timedelta(days=800),
        end_date=today - datetime.timedelta(days=798),
    )
    recent = EventFactory(project=project, slug="recent")
    return old, recent


def _register_in_the_past(event, n, **values):
    registration = Registration(
        project=event.project,
        event=event,
        person=Person.objects.create(
            first_name=f"Old {n}", last_name="Participant", email=f"old{n}@example.org"
        ),
        language="en",
        status="confirmed",
        dietary_needs="vegan",
        **values,
    )
    registration.save()
    return registration


def test_dry_run_reports_and_changes_nothing(events, capsys):
    old, recent = events
    gone = _register_in_the_past(old, 1)
    kept = _register_in_the_past(old, 2)
    update_person(actor=None, person=kept.person, legal_hold=True)
    registrations.register_participant(event=recent, **registration_values(3, dietary_needs="halal"))
    call_command("retention")
    output = capsys.readouterr().out
    assert "events.past-registrations" in output and "mail.sent-emails" in output
    assert "Dry run" in output
    rows = {category.name: due for category, _cutoff, due in retention.report()}
    assert rows["events.past-registrations"] == 2  # one registration with needs, one person to erase
    gone.person.refresh_from_db()
    assert gone.person.erased_at is None


def test_purge_erases_the_old_keeps_the_counts_the_recent_and_the_legal_holds(events):
    old, recent = events
    gone = _register_in_the_past(old, 1)
    kept = _register_in_the_past(old, 2)
    update_person(actor=None, person=kept.person, legal_hold=True)
    current = registrations.register_participant(
        event=recent, **registration_values(3, dietary_needs="halal")
    )
    done = retention.purge()
    assert done["events.past-registrations"] == 2
    gone.refresh_from_db()
    gone.person.refresh_from_db()
    assert gone.person.erased_at is not None and gone.dietary_needs == ""
    assert Registration.objects.filter(event=old).count() == 2  # the counts stay
    kept.refresh_from_db()
    kept.person.refresh_from_db()
    assert kept.person.erased_at is None and kept.dietary_needs == "vegan"  # legal hold
    current.refresh_from_db()
    assert current.dietary_needs == "halal" and current.person.erased_at is None
    assert {category.name: due for category, _cutoff, due in retention.report()}[
        "events.past-registrations"
    ] == 0  # nothing left to do: the purge is idempotent


def test_old_e_mails_are_purged_and_queued_ones_kept(events):
    old, _recent = events
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for status in ("sent", "failed", "queued"):
        Email.objects.create(
            project=old.project,
            kind="x",
            recipient="a@example.org",
            language="en",
            status=status,
            created_at=long_ago,
        )
    Email.objects.create(
        project=old.project, kind="x", recipient="b@example.org", language="en", status="sent"
    )
    assert retention.purge()["mail.sent-emails"] == 2
    assert set(Email.objects.values_list("status", flat=True)) == {"queued", "sent"}


def test_the_purge_runs_every_night():
    assert "core.retention-purge" in SCHEDULE
    assert SCHEDULE["core.retention-purge"].every == datetime.timedelta(days=1)
