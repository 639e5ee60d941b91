"""The full-text side of the practice index, which differs per database (see practices/search.py)."""

from django.db import migrations

# Frozen copies of what practices/search.py had when this migration was written (a migration must not
# import live code, which changes later): language -> PostgreSQL text search configuration to copy.
ANALYSIS = {
    "en": "english",
    "de": "german",
    "es": "spanish",
    "el": "greek",
    "pl": "simple",
    "pt": "portuguese",
    "ro": "romanian",
    "lv": "simple",
    "bg": "simple",
    "nl": "dutch",
    "fr": "french",
}


def fts_table(language: str) -> str:
    return f"practices_fts_{language}"


def pg_config(language: str) -> str:
    return f"secon_{language}"


def create_fulltext(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            for language, base in ANALYSIS.items():
                config = pg_config(language)
                cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}")
                cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = {base})")
                dictionary = "simple" if base == "simple" else f"{base}_stem"
                cursor.execute(
                    f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR "
                    f"asciiword, asciihword, hword_asciipart, word, hword, hword_part "
                    f"WITH unaccent, {dictionary}"
                )
            cursor.execute("ALTER TABLE practices_searchentry ADD COLUMN document tsvector")
            cursor.execute(
                "CREATE INDEX practice_search_document_idx ON practices_searchentry USING GIN (document)"
            )
        elif connection.vendor == "sqlite":
            for language in ANALYSIS:
                cursor.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts_table(language)} USING fts5("
                    "title, body, tokenize = 'unicode61 remove_diacritics 2')"
                )
                # Rank by bm25 with a match in the title worth four in the text.
                cursor.execute(
                    f"INSERT INTO {fts_table(language)} ({fts_table(language)}, rank) "
                    "VALUES ('rank', 'bm25(4.0, 1.0)')"
                )


def drop_fulltext(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS practice_search_document_idx")
            cursor.execute("ALTER TABLE practices_searchentry DROP COLUMN IF EXISTS document")
            for language in ANALYSIS:
                cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {pg_config(language)}")
        elif connection.vendor == "sqlite":
            for language in ANALYSIS:
                cursor.execute(f"DROP TABLE IF EXISTS {fts_table(language)}")


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(create_fulltext, drop_fulltext)]
