"""A restore refuses, in one line and before loading anything, values the database cannot store."""

import json
import zipfile

import pytest

from django.core.management import call_command

from secon.core.management.backup import BackupError, restore_backup, unstorable_values, write_backup
from secon.events.models import Event
from secon.projects.models import Project
from tests.events.factories import EventFactory


def test_values_sqlite_stored_but_postgresql_refuses_are_named_with_their_record(db):
    records = [
        {"model": "events.event", "pk": 12, "fields": {"delegate_quota": 99_999_999_999_999, "slug": "ok"}},
        {"model": "events.event", "pk": 13, "fields": {"capacity": 2**31, "city": "x" * 121}},
        {"model": "organisations.person", "pk": 4, "fields": {"first_name": "Ana\x00"}},
        {"model": "events.event", "pk": 14, "fields": {"capacity": 30, "start_date": "9999-12-31"}},
        {"model": "no.such", "pk": 1, "fields": {}},
    ]
    problems = unstorable_values(records)
    assert problems[0] == (
        "events.event #12: delegate_quota = 99999999999999: Ensure this value is less than or equal to 32767."
    )
    assert problems[1].startswith("events.event #13: capacity = 2147483648:")
    assert problems[2].startswith("events.event #13: city = 'xxxx")
    assert "at most 120 characters" in problems[2]
    assert problems[3] == "organisations.person #4: first_name = 'Ana\\x00': text holding a NUL character"
    assert len(problems) == 4  # a date the database stores is not refused here


@pytest.mark.django_db(transaction=True)
def test_a_restore_with_a_value_the_database_refuses_loads_nothing_and_says_which(tmp_path):
    EventFactory(slug="kick-off", delegate_quota=5)
    archive = tmp_path / "backup.zip"
    write_backup(archive, report=lambda step: None)
    with zipfile.ZipFile(archive) as zipped:
        files = {name: zipped.read(name) for name in zipped.namelist()}
    records = json.loads(files["data.json"])
    event = next(record for record in records if record["model"] == "events.event")
    event["fields"]["delegate_quota"] = 99_999_999_999_999  # as SQLite stored it
    files["data.json"] = json.dumps(records).encode()
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as zipped:
        for name, content in files.items():
            zipped.writestr(name, content)
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(BackupError) as error:
        restore_backup(tampered, report=lambda step: None)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"nothing was restored: events.event #{event['pk']}: delegate_quota = ")
    assert "less than or equal to 32767" in message
    assert not Project.objects.exists() and not Event.objects.exists()
    # The untouched backup restores.
    restore_backup(archive, report=lambda step: None)
    assert Event.objects.get().delegate_quota == 5


@pytest.mark.django_db(transaction=True)
def test_a_database_whose_migration_history_does_not_match_gets_one_line(tmp_path):
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    archive = tmp_path / "backup.zip"
    write_backup(archive, report=lambda step: None)
    # A migration recorded as applied while the one it depends on is not: an inconsistent history.
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied("events", "0001_initial")
    try:
        with pytest.raises(BackupError) as error:
            restore_backup(archive, report=lambda step: None)
    finally:
        recorder.record_applied("events", "0001_initial")
    assert str(error.value).startswith("SECON_DATABASE_URL: cannot prepare the tables (")
    assert "\n" not in str(error.value)
