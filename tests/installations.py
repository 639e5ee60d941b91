"""A migrated SQLite installation's database, made once per machine for the tests that run `secon`.

The tests of `secon serve` and the two installations need a migrated database, not a migration: the
migration costs 20–45 s of CPU (Django rendering the model states), and `tests/test_cli.py` tests
`secon migrate` itself on SQLite and PostgreSQL.
"""

import fcntl
import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

from tests.test_cli import assert_ok, run_secon

ROOT = Path(__file__).resolve().parents[1]


def migrated_database(tmp_path: Path) -> Path:
    """Return a migrated SQLite file, kept between runs while the migrations are the same.

    A file lock makes a second process (pytest-xdist) wait for the first one's migration instead of
    running its own beside it.
    """
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "secon").glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    kept = (
        Path(tempfile.gettempdir())
        / f"secon-test-migrated-v2-{os.getuid()}-{digest.hexdigest()[:16]}.sqlite3"
    )
    with open(kept.with_suffix(".lock"), "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not kept.exists():
            var_dir = tmp_path / "migrating"
            var_dir.mkdir()
            assert_ok(run_secon("migrate", "-v", "0", var_dir=var_dir))
            # Through SQLite's backup, not a file copy: the migration may have left its last pages in
            # the -wal file beside the database (a copy of the file alone then lacks tables).
            with (
                sqlite3.connect(var_dir / "secon.sqlite3") as source,
                sqlite3.connect(kept.with_suffix(".part")) as copy,
            ):
                source.backup(copy)
            source.close()
            copy.close()
            kept.with_suffix(".part").rename(kept)
    return kept
