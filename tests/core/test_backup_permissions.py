"""Backups hold everyone's personal data: the archive is readable by its owner only."""

import os
import zipfile

import pytest

from secon.core.management.backup import write_backup


# A transactional test: the backup opens its own transaction (on PostgreSQL a REPEATABLE READ
# snapshot, which must be chosen before the transaction's first query).
@pytest.mark.django_db(transaction=True)
def test_the_backup_archive_is_written_0600(tmp_path):
    old_umask = os.umask(0o022)
    try:
        archive = tmp_path / "backup.zip"
        archive.write_bytes(b"an older backup")
        archive.chmod(0o644)
        write_backup(archive, report=lambda _line: None)
    finally:
        os.umask(old_umask)
    assert archive.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(archive) as zipped:
        assert {"manifest.json", "data.json"} <= set(zipped.namelist())
    assert not (tmp_path / "backup.zip.partial").exists()
