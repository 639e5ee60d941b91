"""One migration of the test database per run, not one per pytest-xdist process.

Migrating the test database (every app's migrations, most of the time spent by Django rendering
the model states) costs 43-50 s of CPU; each pytest-xdist process made its own. Now the first
process to need its database migrates it as pytest-django does and copies it as a template; every
other process of the run copies the template (SQLite: the file through SQLite's online backup;
PostgreSQL: ``CREATE DATABASE … TEMPLATE``). A file lock orders them; the template is named after
the run (pytest-xdist's ``testrunuid``) and dropped by the last process that needs it no more — a
process that finds it gone (a run whose other process ended before this one started) migrates
again and makes it anew. Without pytest-xdist (``-n 0``), with ``--reuse-db`` or ``--no-migrations``,
it does what pytest-django's own fixture does.
"""

import fcntl
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest


class Template:
    """The migrated test database of a pytest-xdist run, kept to copy for each process."""

    def __init__(self, connection, run: str):
        self.connection = connection
        self.run = run
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            self.name = os.path.join(tempfile.gettempdir(), f"secon-test-template-{run}.sqlite3")
        else:
            # Within PostgreSQL's 63 characters: the configured database's name, then the run.
            self.name = f"test_{connection.settings_dict['NAME'][:30]}_template_{run[:12]}"
        self.lock_path = Path(tempfile.gettempdir()) / f"secon-test-template-{run}.lock"
        self.users = Path(tempfile.gettempdir()) / f"secon-test-template-{run}.users"

    @contextmanager
    def locked(self):
        with open(self.lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def exists(self) -> bool:
        if self.sqlite:
            return os.path.exists(self.name)
        with self.connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name])
            return cursor.fetchone() is not None

    def make_from(self, test_name: str) -> None:
        """Copy the freshly migrated test database ``test_name`` as the template."""
        self.connection.close()
        if self.sqlite:
            partial = f"{self.name}.partial"
            self._sqlite_copy(test_name, partial)
            os.replace(partial, self.name)
            return
        quote = self.connection.ops.quote_name
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {quote(self.name)} WITH TEMPLATE {quote(test_name)}")

    def copy_to(self, test_name: str) -> None:
        """Make the test database ``test_name`` a copy of the template."""
        if self.sqlite:
            if os.path.exists(test_name):
                os.remove(test_name)
            self._sqlite_copy(self.name, test_name)
            return
        quote = self.connection.ops.quote_name
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} WITH TEMPLATE {quote(self.name)}")

    def drop(self) -> None:
        if self.sqlite:
            if os.path.exists(self.name):
                os.remove(self.name)
            return
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(self.name)}")

    @staticmethod
    def _sqlite_copy(source: str, target: str) -> None:
        with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
            reading.backup(writing)
        reading.close()
        writing.close()

    # Which processes still hold the template: the last to finish drops it.
    def join(self) -> None:
        with open(self.users, "a") as handle:
            handle.write(f"{os.getpid()}\n")

    def leave(self) -> bool:
        """Forget this process; tell whether none is left."""
        try:
            pids = self.users.read_text().split()
        except FileNotFoundError:
            return True
        left = [pid for pid in pids if pid != str(os.getpid())]
        self.users.write_text("".join(f"{pid}\n" for pid in left))
        if not left:
            self.users.unlink()
        return not left


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_modify_db_settings,
    django_db_keepdb,
    django_db_createdb,
    django_db_use_migrations,
):
    """pytest-django's ``django_db_setup``, with the migration shared by the processes of a run."""
    from pytest_django.fixtures import _get_databases_for_setup

    from django.conf import settings
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    keepdb = django_db_keepdb and not django_db_createdb
    workerinput = getattr(request.config, "workerinput", None)
    if workerinput is None or keepdb or not django_db_use_migrations or aliases != {"default"}:
        # One process, --reuse-db, --no-migrations (or no database): as pytest-django's fixture does.
        if not django_db_use_migrations:
            from pytest_django.fixtures import _disable_migrations

            _disable_migrations()
        with django_db_blocker.unblock():
            config = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                keepdb=keepdb,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
            )
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                teardown_databases(config, verbosity=request.config.option.verbose)
        return

    connection = connections["default"]
    template = Template(connection, workerinput["testrunuid"])
    with django_db_blocker.unblock(), template.locked():
        if template.exists():
            old_name = connection.settings_dict["NAME"]
            test_name = connection.creation._get_test_db_name()
            template.copy_to(test_name)
            connection.close()
            settings.DATABASES["default"]["NAME"] = test_name
            connection.settings_dict["NAME"] = test_name
            connection.ensure_connection()
            if serialized_aliases is None or "default" in serialized_aliases:  # as create_test_db does
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
            config = [(connection, old_name, True)]
        else:
            config = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
            )
            template.make_from(connection.settings_dict["NAME"])
            connection.ensure_connection()
        template.join()
    yield
    with django_db_blocker.unblock():
        with template.locked():
            if template.leave():
                template.drop()
                template.lock_path.unlink(missing_ok=True)
        teardown_databases(config, verbosity=request.config.option.verbose)
