"""Copies of the test database holding the SECON demo, so that a process loads the demo once.

Loading the demo through the services takes several seconds of CPU (the NUTS table, every app's
records through its services); a test that reads the demo, or loads it again on top of itself, does
not need a load of its own. Two kinds of copy:

* :class:`DemoSnapshot`, for the browser journeys' live server (committed data, outside a test's
  transaction): the whole database, put back before each module.
* :class:`DemoRecords`, for the tests that run in pytest-django's transaction (``db``): the rows of
  every table, read inside a transaction that is then rolled back, written back inside the test's
  own transaction (rolled back after it like anything else the test writes).
"""

import copy

from django.apps import apps
from django.db import transaction


def _storage_root():
    from django.core.files.storage import storages

    return copy.deepcopy(storages["default"]._root)  # InMemoryStorage (tests/settings.py)


def _set_storage_root(root) -> None:
    from django.core.files.storage import storages

    storages["default"]._root = copy.deepcopy(root)


class DemoSnapshot:
    """The test database just after the demo was loaded, kept to be put back for the next module.

    Loading the demo through the services takes most of a browser module's setup; a process loads
    it once and copies it back for each later module: on SQLite the whole file through SQLite's
    online backup (the full-text index included), on PostgreSQL the tables into a schema of the
    test database and back (the foreign keys are checked at the commit; the sequences are set to
    the highest id again). The in-memory file storage (the logos) is copied with it.
    """

    SCHEMA = "secon_demo_snapshot"

    def __init__(self, connection):
        self.connection = connection
        self.tables = []
        self.sqlite = None
        self.files = None

    def take(self) -> None:
        self.files = _storage_root()
        if self.connection.vendor == "sqlite":
            import sqlite3

            self.connection.ensure_connection()
            self.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            self.connection.connection.backup(self.sqlite)
            return
        with self.connection.cursor() as cursor:
            self.tables = sorted(self.connection.introspection.django_table_names(only_existing=True))
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE; CREATE SCHEMA {self.SCHEMA}")
            for table in self.tables:
                cursor.execute(f'CREATE TABLE {self.SCHEMA}."{table}" AS TABLE public."{table}"')

    def restore(self) -> None:
        from django.core.management.color import no_style

        _set_storage_root(self.files)
        if self.sqlite is not None:
            self.connection.ensure_connection()
            self.sqlite.backup(self.connection.connection)
            return
        with transaction.atomic(), self.connection.cursor() as cursor:
            quoted = ", ".join(f'public."{table}"' for table in self.tables)
            cursor.execute(f"TRUNCATE {quoted} CASCADE")
            for table in self.tables:
                cursor.execute(f'INSERT INTO public."{table}" SELECT * FROM {self.SCHEMA}."{table}"')
            models = apps.get_models(include_auto_created=True)
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


class DemoRecords:
    """Every row of the database just after a real ``load_demo()``, to write back in a test's transaction.

    :meth:`take` loads the demo inside a transaction, reads every table (the models' and, on SQLite,
    the full-text tables of search) and rolls the transaction back, leaving the database as it was.
    :meth:`put_back` replaces the contents of those tables inside the current transaction: a test in
    pytest-django's transaction then starts from the database a fresh ``load_demo()`` leaves, and the
    rollback after the test removes it again. On SQLite the rows are kept as Python values (SQLite's
    own, so they go back unchanged); on PostgreSQL as ``COPY`` text. Ids stay as they were: SQLite's
    ``AUTOINCREMENT`` counter follows the highest id inserted, and PostgreSQL's sequences had passed
    them when the demo was loaded (a rollback does not turn a sequence back). The in-memory file
    storage (the logos) is copied with it.
    """

    def __init__(self, connection):
        self.connection = connection
        self.tables = {}
        self.files = None
        self.slug = None

    def take(self, load) -> None:
        """Call ``load()`` (the real loader) and keep what it left in the database."""
        from secon.practices.search import ANALYSIS, fts_table

        with transaction.atomic(using=self.connection.alias):
            project = load()
            self.slug = project.slug
            self.files = _storage_root()
            names = sorted(self.connection.introspection.django_table_names(only_existing=True))
            if self.connection.vendor == "sqlite":
                cursor = self.connection.connection.cursor()
                for name in names:
                    cursor.execute(f'SELECT * FROM "{name}"')
                    columns = [column[0] for column in cursor.description]
                    self.tables[name] = (columns, cursor.fetchall())
                for name in (fts_table(language) for language in ANALYSIS):
                    cursor.execute(f'SELECT rowid, title, body FROM "{name}"')
                    self.tables[name] = (["rowid", "title", "body"], cursor.fetchall())
                cursor.close()
            else:
                with self.connection.cursor() as wrapper:
                    for name in names:
                        with wrapper.cursor.copy(f'COPY "{name}" TO STDOUT') as copying:
                            self.tables[name] = b"".join(bytes(block) for block in copying)
            transaction.set_rollback(True, using=self.connection.alias)

    def put_back(self) -> None:
        """Make the database hold the demo as loaded (inside the caller's transaction)."""
        assert self.connection.in_atomic_block, "put the demo back inside a transaction only"
        _set_storage_root(self.files)
        if self.connection.vendor == "sqlite":
            cursor = self.connection.connection.cursor()
            for name, (columns, rows) in self.tables.items():
                cursor.execute(f'DELETE FROM "{name}"')
                if rows:
                    listed = ", ".join(f'"{column}"' for column in columns)
                    marks = ", ".join("?" * len(columns))
                    cursor.executemany(f'INSERT INTO "{name}" ({listed}) VALUES ({marks})', rows)
            cursor.close()
            return
        with self.connection.cursor() as wrapper:
            quoted = ", ".join(f'"{name}"' for name in self.tables)
            wrapper.execute(f"TRUNCATE {quoted} CASCADE")
            for name, data in self.tables.items():
                if data:
                    with wrapper.cursor.copy(f'COPY "{name}" FROM STDIN') as copying:
                        copying.write(data)
