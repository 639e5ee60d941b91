"""The full-text side of the practice index: text analysis and the two database backends.

One :class:`~secon.practices.models.SearchEntry` row holds a practice's text in one language. Beside
it, the database keeps what matches quickly:

* **SQLite**: an FTS5 table per content language (``practices_fts_<code>``, ``unicode61
  remove_diacritics 2`` tokenizer) whose rows carry the entry's id as rowid and its text *stemmed in
  Python* with the language's Snowball stemmer (package ``snowballstemmer``), accents removed first.
* **PostgreSQL**: a ``document`` tsvector column with a GIN index, built with a text search
  configuration per language (``secon_<code>``: the language's Snowball stemmer after ``unaccent``).

Queries go through the same analysis, so both find "Genossenschaft" for "Genossenschaften" and
"inserción" for "insercion". Queries are never passed through as FTS syntax: they are cut into words,
each matched literally (all words must match), so operators and stray quotes cannot break them.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

from django.db import connection

from secon.core.languages import CONTENT_LANGUAGE_CODES

#: content language → (Snowball algorithm in ``snowballstemmer``, PostgreSQL configuration it copies).
#: Languages PostgreSQL has no stemmer for (Polish, Latvian, Bulgarian) are not stemmed on either
#: backend, so both find the same practices.
ANALYSIS = {
    "en": ("english", "english"),
    "de": ("german", "german"),
    "es": ("spanish", "spanish"),
    "el": ("greek", "greek"),
    "pl": (None, "simple"),
    "pt": ("portuguese", "portuguese"),
    "ro": ("romanian", "romanian"),
    "lv": (None, "simple"),
    "bg": (None, "simple"),
    "nl": ("dutch", "dutch"),
    "fr": ("french", "french"),
}
assert set(ANALYSIS) == set(CONTENT_LANGUAGE_CODES)

#: Longest query we read (characters) and most words we match.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
#: Words longer than this are not words (a pasted hash, a run of letters).
MAX_WORD_CHARS = 40

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_table(language: str) -> str:
    return f"practices_fts_{language}"


def pg_config(language: str) -> str:
    return f"secon_{language}"


def fold(text: str) -> str:
    """Lower-case the text and remove accents ("Inserción" → "insercion")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    return fold(word)


@functools.cache
def _stemmer(language: str):
    algorithm = ANALYSIS.get(language, (None, None))[0]
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def words(text: str) -> list[str]:
    """Cut folded text into words."""
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=200_000)
def _stem(language: str, word: str) -> str:
    return _stemmer(language).stemWord(word)


def stem_words(items: list[str], language: str) -> list[str]:
    """Stem folded words with the language's Snowball stemmer (a vocabulary is small: cached)."""
    if _stemmer(language) is None:
        return list(items)
    return [_stem(language, word) for word in items]


def analyse(text: str, language: str) -> str:
    """Return the text as the SQLite index stores it: folded, stemmed words separated by spaces."""
    return " ".join(stem_words(words(text), language))


@dataclass(frozen=True)
class Query:
    """A visitor's query, cut into the words it matches."""

    raw: str
    words: tuple[str, ...]
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def text(self) -> str:
        return " ".join(self.words)


def parse_query(raw: str | None) -> Query:
    """Read a query as plain words: FTS operators and punctuation are ignored, long input is cut."""
    raw = (raw or "").replace("\x00", "")
    truncated = len(raw) > MAX_QUERY_CHARS
    found = [word for word in _WORD.findall(raw[:MAX_QUERY_CHARS]) if len(word) <= MAX_WORD_CHARS]
    # Underscores count as word characters in regular expressions but separate words in the index.
    found = [part for word in found for part in word.split("_") if part]
    unique = list(dict.fromkeys(found))
    if len(unique) > MAX_QUERY_WORDS:
        truncated = True
    return Query(raw=raw.strip(), words=tuple(unique[:MAX_QUERY_WORDS]), truncated=truncated)


def query_stems(query: Query, language: str) -> list[str]:
    return list(dict.fromkeys(stem_words([fold(word) for word in query.words], language)))


# --- backends --------------------------------------------------------------------------------------


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def write_entries(entries) -> None:
    """Make the database's full-text side match these saved entries."""
    if not entries:
        return
    by_language: dict[str, list] = {}
    for entry in entries:
        by_language.setdefault(entry.language, []).append(entry)
    with connection.cursor() as cursor:
        for language, group in by_language.items():
            if is_postgresql():
                config = pg_config(language)
                cursor.execute(
                    "UPDATE practices_searchentry SET document = "
                    "setweight(to_tsvector(%s::regconfig, title), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, body), 'B') WHERE id = ANY(%s)",
                    [config, config, [entry.pk for entry in group]],
                )
            else:
                # One row per practice and language: the FTS5 rowid is the practice's id.
                table = fts_table(language)
                cursor.executemany(
                    f"DELETE FROM {table} WHERE rowid = %s", [[entry.practice_id] for entry in group]
                )
                cursor.executemany(
                    f"INSERT INTO {table} (rowid, title, body) VALUES (%s, %s, %s)",
                    [[e.practice_id, analyse(e.title, language), analyse(e.body, language)] for e in group],
                )


def clear_full_text() -> None:
    """Empty the full-text side on SQLite (PostgreSQL keeps it in the entries' own rows).

    The FTS5 tables are not models, so deleting every practice (a flush, a reset) leaves their rows
    behind, keyed on practice ids that new practices may be given again.
    """
    if is_postgresql():
        return
    with connection.cursor() as cursor:
        for language in ANALYSIS:
            cursor.execute(f"DELETE FROM {fts_table(language)}")


def delete_entries(entries) -> None:
    """Remove entries from the full-text side (before their rows are deleted)."""
    if is_postgresql():
        return
    with connection.cursor() as cursor:
        for entry in entries:
            cursor.execute(f"DELETE FROM {fts_table(entry.language)} WHERE rowid = %s", [entry.practice_id])


def match_expression(query: Query, language: str) -> str:
    """Return the FTS5 expression: every stemmed word quoted (so nothing is an operator), all required."""
    return " ".join('"' + stem.replace('"', "") + '"' for stem in query_stems(query, language))


def hits_sql(query: Query, languages: list[str]) -> tuple[str, list]:
    """Return SQL giving one row (pid, score, lang) per matching practice; lower score ranks first.

    ``lang`` is the language whose text matched best.
    """
    parts, params = [], []
    if is_postgresql():
        for language in languages:
            # ts_rank (the lexemes' weights and frequencies), not ts_rank_cd (their positions'
            # cover density): ~8 ms less of server CPU for ~7,000 matching texts, same order in the tests.
            parts.append(
                "SELECT e.practice_id AS pid, e.language AS lang, "
                "-ts_rank(e.document, plainto_tsquery(%s::regconfig, %s), 1) AS score "
                "FROM practices_searchentry e "
                "WHERE e.language = %s AND e.document @@ plainto_tsquery(%s::regconfig, %s)"
            )
            config = pg_config(language)
            params += [config, query.text, language, config, query.text]
        if len(parts) == 1:  # one text per practice and language: nothing to pick from
            return parts[0], params
        union = " UNION ALL ".join(parts)
        sql = f"SELECT DISTINCT ON (pid) pid, score, lang FROM ({union}) u ORDER BY pid, score, lang"
        return sql, params
    for language in languages:
        expression = match_expression(query, language)
        if not expression:
            continue
        table = fts_table(language)
        # ``rank`` is bm25 with the title weighted 4:1 (configured in the migration).
        parts.append(
            f"SELECT rowid AS pid, rank AS score, '{language}' AS lang FROM {table} WHERE {table} MATCH %s"
        )
        params.append(expression)
    if len(parts) == 1:
        return parts[0], params
    union = " UNION ALL ".join(parts)
    # SQLite takes the bare column (lang) of the row holding the minimum.
    return f"SELECT pid, MIN(score) AS score, lang FROM ({union}) u GROUP BY pid", params


def matching_ids_sql(query: Query, languages: list[str]) -> tuple[str, list]:
    """Return SQL giving the ids of the practices whose text in one of the languages matches, unranked."""
    parts, params = [], []
    for language in languages:
        if is_postgresql():
            parts.append(
                "SELECT e.practice_id AS pid FROM practices_searchentry e "
                "WHERE e.language = %s AND e.document @@ plainto_tsquery(%s::regconfig, %s)"
            )
            params += [language, pg_config(language), query.text]
            continue
        expression = match_expression(query, language)
        if expression:
            table = fts_table(language)
            parts.append(f"SELECT rowid AS pid FROM {table} WHERE {table} MATCH %s")
            params.append(expression)
    return (" UNION ".join(parts) or "SELECT NULL AS pid WHERE 1 = 0"), params


def count_matches(query: Query, languages: list[str], limit: int, *, extra=()) -> dict:
    """Count the matching texts per language in one query, each count stopping at ``limit`` + 1.

    ``extra`` holds more counts to make in the same statement, as (key, sql, params): their
    results are returned under their keys (the same key twice: the larger count).
    """
    parts, params, counted = [], [], []
    for key, sql, sql_params in extra:
        parts.append(f"({sql})")
        params += sql_params
        counted.append(key)
    for language in languages:
        if is_postgresql():
            parts.append(
                "(SELECT COUNT(*) FROM (SELECT 1 FROM practices_searchentry e WHERE e.language = %s "
                "AND e.document @@ plainto_tsquery(%s::regconfig, %s) LIMIT %s) c)"
            )
            params += [language, pg_config(language), query.text, limit + 1]
        else:
            expression = match_expression(query, language)
            if not expression:
                continue
            table = fts_table(language)
            parts.append(
                f"(SELECT COUNT(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH %s LIMIT %s))"
            )
            params += [expression, limit + 1]
        counted.append(language)
    if not parts:
        return {}
    found: dict = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        for key, count in zip(counted, cursor.fetchone(), strict=True):
            found[key] = max(found.get(key, 0), count)
    return found


def word_count_parts(query: Query, languages: list[str], limit: int) -> list[tuple]:
    """Counts (for :func:`count_matches`' ``extra``), per query word and language, of the texts that
    contain the word, under the key ("word", word, language); each stops at ``limit`` + 1.

    A practice has one text per language, so the largest count of a word is a lower bound of the
    practices it occurs in. On PostgreSQL a stop word (dropped from the query, so matching every
    text) counts as ``limit`` + 1.
    """
    parts = []
    for word in query.words:
        single = Query(raw=word, words=(word,))
        for language in languages:
            if is_postgresql():
                config = pg_config(language)
                sql = (
                    "SELECT CASE WHEN numnode(plainto_tsquery(%s::regconfig, %s)) = 0 THEN %s ELSE "
                    "(SELECT COUNT(*) FROM (SELECT 1 FROM practices_searchentry e WHERE e.language = %s "
                    "AND e.document @@ plainto_tsquery(%s::regconfig, %s) LIMIT %s) c) END"
                )
                params = [config, word, limit + 1, language, config, word, limit + 1]
                parts.append((("word", word, language), sql, params))
                continue
            expression = match_expression(single, language)
            if expression:
                table = fts_table(language)
                sql = f"SELECT COUNT(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH %s LIMIT %s)"
                parts.append((("word", word, language), sql, [expression, limit + 1]))
    return parts


def newest_sql(query: Query, languages: list[str], *, where: str, where_params: list, limit: int, extra=None):
    """Return SQL giving (pid, lang) of the newest ``limit`` matching practices that pass ``where``.

    For broad queries on SQLite: walking each index newest first (rowid order) stops after
    ``limit`` rows, where ranking would have to score every match. ``where`` may use the alias f
    (the indexed practice).
    """
    parts, params = [], []
    for language in languages:
        if is_postgresql():
            parts.append(
                "SELECT * FROM (SELECT e.practice_id AS pid, e.language AS lang FROM practices_searchentry e "
                "JOIN practices_indexedpractice f ON f.practice_id = e.practice_id "
                f"WHERE e.language = %s AND e.document @@ plainto_tsquery(%s::regconfig, %s) AND {where} "
                f"ORDER BY e.practice_id DESC LIMIT {int(limit)}) x{len(parts)}"
            )
            params += [language, pg_config(language), query.text, *where_params]
            continue
        expression = match_expression(query, language)
        if not expression:
            continue
        table = fts_table(language)
        # CROSS JOIN keeps the full-text table as the outer loop, read newest first.
        parts.append(
            f"SELECT * FROM (SELECT h.rowid AS pid, '{language}' AS lang FROM {table} h "
            "CROSS JOIN practices_indexedpractice f ON f.practice_id = h.rowid "
            f"WHERE h.{table} MATCH %s AND {where} ORDER BY h.rowid DESC LIMIT {int(limit)})"
        )
        params += [expression, *where_params]
    if extra is not None:  # more (pid, lang) rows, e.g. the matches through concepts
        parts.append(extra[0])
        params += extra[1]
    union = " UNION ALL ".join(parts)
    return f"SELECT pid, MIN(lang) AS lang FROM ({union}) u GROUP BY pid ORDER BY pid DESC", params


# --- highlighting ----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|\W+", re.UNICODE)


@dataclass(frozen=True)
class Fragment:
    text: str
    is_match: bool


def snippet(text: str, stems: set[str], language: str, *, width: int = 28) -> list[Fragment]:
    """Return about ``width`` words of ``text`` around the first match, matched words marked."""
    # The text is read up to the end of the window (and one word more), not cut whole into words.
    tokens, word_positions = [], []
    first, needed = None, None
    for match in _TOKEN.finditer(text, 0, 20_000):
        token = match.group()
        tokens.append(token)
        if not (token[0].isalnum() or token[0] == "_"):
            continue
        word_positions.append(len(tokens) - 1)
        if first is None and stem_words([fold_word(token)], language)[0] in stems:
            first = len(word_positions) - 1
            needed = max(0, first - width // 3) + width + 1
        if needed is not None and len(word_positions) >= needed:
            break
    if not word_positions:
        return []
    first = first or 0
    start_word = max(0, first - width // 3)
    end_word = min(len(word_positions), start_word + width)
    window = word_positions[start_word:end_word]
    stemmed = stem_words([fold_word(tokens[i]) for i in window], language)
    matched = {position for position, stem in zip(window, stemmed, strict=True) if stem in stems}
    begin, end = window[0], window[-1] + 1
    fragments = []
    if start_word > 0:
        fragments.append(Fragment("… ", False))
    for i in range(begin, end):
        fragments.append(Fragment(tokens[i], i in matched))
    if end_word < len(word_positions):
        fragments.append(Fragment(" …", False))
    return fragments
