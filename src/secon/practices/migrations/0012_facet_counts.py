"""The library's facet counts per project, kept by the database itself (triggers).

Browsing the library without words shows six facet counts; counting them from the narrow index
table means six GROUP BYs over every published practice (~90,000 rows: 140 ms of PostgreSQL's CPU
once the cached page is gone after a change). ``practices_facetcount`` holds one row per project,
facet and value with the number of indexed practices, kept by triggers on
``practices_indexedpractice`` (insert, delete, update, and on PostgreSQL truncate), so browsing
reads a few hundred rows. Rows whose count falls to zero stay (and are not shown).
"""

from django.db import migrations

# Frozen copy of the facets when this migration was written: facet → column of the index table.
FACETS = (
    ("theme", "theme"),
    ("country", "country"),
    ("region", "region_code"),
    ("organisation_type", "organisation_kind"),
    ("project", "project_id"),
    ("status", "status"),
)
TABLE = "practices_facetcount"
SOURCE = "practices_indexedpractice"


def _value(row: str, column: str) -> str:
    return f"CAST({row}.{column} AS TEXT)" if column == "project_id" else f"{row}.{column}"


def _backfill() -> str:
    parts = " UNION ALL ".join(
        f"SELECT project_id, '{facet}', {_value('i', column)}, COUNT(*) FROM {SOURCE} i "
        f"GROUP BY project_id, {_value('i', column)}"
        for facet, column in FACETS
    )
    return f"INSERT INTO {TABLE} (project_id, facet, value, practices) {parts}"


def _decrement(row: str) -> str:
    pairs = " OR ".join(f"(facet = '{facet}' AND value = {_value(row, column)})" for facet, column in FACETS)
    return f"UPDATE {TABLE} SET practices = practices - 1 WHERE project_id = {row}.project_id AND ({pairs})"


def _increment(row: str, vendor: str) -> str:
    values = ", ".join(f"({row}.project_id, '{facet}', {_value(row, column)}, 1)" for facet, column in FACETS)
    # SQLite's triggers take no alias of the table, nor a qualified column in DO UPDATE.
    current = f"{TABLE}.practices" if vendor == "postgresql" else "practices"
    return (
        f"INSERT INTO {TABLE} (project_id, facet, value, practices) VALUES {values} "
        f"ON CONFLICT (project_id, facet, value) DO UPDATE SET practices = {current} + 1"
    )


def create(apps, schema_editor):
    connection = schema_editor.connection
    columns = ", ".join(column for _facet, column in FACETS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {TABLE} (project_id integer NOT NULL, facet varchar(24) NOT NULL, "
            "value varchar(64) NOT NULL, practices integer NOT NULL, PRIMARY KEY (project_id, facet, value))"
        )
        cursor.execute(_backfill())
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE FUNCTION {TABLE}_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF TG_OP = 'TRUNCATE' THEN DELETE FROM {TABLE}; RETURN NULL; END IF; "
                f"IF TG_OP IN ('DELETE', 'UPDATE') THEN {_decrement('OLD')}; END IF; "
                f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {_increment('NEW', connection.vendor)}; END IF; "
                "RETURN NULL; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER {TABLE}_rows AFTER INSERT OR DELETE OR UPDATE OF {columns} ON {SOURCE} "
                f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_change()"
            )
            cursor.execute(
                f"CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON {SOURCE} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_change()"
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON {SOURCE} BEGIN {_increment('NEW', connection.vendor)}; END"
            )
            cursor.execute(
                f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON {SOURCE} BEGIN {_decrement('OLD')}; END"
            )
            cursor.execute(
                f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF {columns} ON {SOURCE} "
                f"BEGIN {_decrement('OLD')}; {_increment('NEW', connection.vendor)}; END"
            )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_rows ON {SOURCE}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_truncate ON {SOURCE}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_change()")
        else:
            for name in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0011_search_document_per_language")]

    operations = [migrations.RunPython(create, drop)]
