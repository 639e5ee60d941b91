"""Empty the test database after a transactional test by deleting the rows it wrote, not every table.

Django ends each transactional test (``transaction=True``, ``transactional_db``, ``live_server``: the
concurrency, task, worker and live-server tests, 107 of them) with the ``flush`` command. On
PostgreSQL that is a ``TRUNCATE`` of all 113 tables, which gives every table and index a new file: 1 to
4 s per test on 2 shared cores, a good part of the PostgreSQL pass. Here one query finds the tables
that hold rows and only those are emptied (``DELETE``, the foreign keys checked at commit): 0.01 to
0.1 s. The content types and permissions that ``migrate`` made are kept, and ``post_migrate`` runs as
after Django's flush, finding them there. The database ends as Django's flush leaves it.
"""

from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.test import TransactionTestCase

#: What post_migrate makes again after Django's flush; kept, so that it has nothing to make.
KEPT = frozenset({"django_content_type", "auth_permission"})
#: Django's flush, for the cases it alone handles.
DJANGOS_TEARDOWN = TransactionTestCase._fixture_teardown
#: Tables asked about per query: under SQLite's limit of 500 terms in a compound SELECT.
CHUNK = 100


def tables_with_rows(connection) -> list[str]:
    """Return the model tables of ``connection`` that hold at least one row, but for those KEPT."""
    quote = connection.ops.quote_name
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False)
        if table not in KEPT
    ]
    found = []
    with connection.cursor() as cursor:
        for start in range(0, len(tables), CHUNK):
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"
                    for table in tables[start : start + CHUNK]
                ),
                tables[start : start + CHUNK],
            )
            found.extend(row[0] for row in cursor.fetchall())
    return found


def empty(database: str) -> None:
    """Delete every row a test left in ``database``, in one transaction, and run post_migrate."""
    connection = connections[database]
    with transaction.atomic(using=database), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables_with_rows(connection):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
    emit_post_migrate_signal(0, False, database)


def fixture_teardown(self) -> None:
    """Stand in for ``TransactionTestCase._fixture_teardown``: empty each database the test used.

    A test that names its ``available_apps`` or asks for a serialized rollback gets Django's own,
    which handles those cases (a subset of the apps, no post_migrate).
    """
    if self.available_apps is not None or self.serialized_rollback:
        return DJANGOS_TEARDOWN(self)
    for database in self._databases_names(include_mirrors=False):
        empty(database)
