"""The search benchmark's yardsticks: the bare engine query, and the CPU a call costs.

``raw_query`` builds the one SQL statement that asks the database engine itself for a result page:
the same 20 practices (ranked by the same function the selector uses: FTS5's bm25 on SQLite,
``ts_rank_cd`` on PostgreSQL, over every match in the searched languages, inside the facet filters),
each with its highlighted title and a highlighted snippet made by the engine (FTS5's
``highlight()``/``snippet()``, PostgreSQL's ``ts_headline``). It leaves out what the selector adds:
matches through the thesaurus' concepts, facet counts, labels, the practices' other fields and
snippets of the original (unstemmed) text. Browsing without words is the newest page with titles.

``cpu_now`` reads the CPU time of this process and, on PostgreSQL, of the server process serving
its connection (``/proc/<pid>/schedstat``, in nanoseconds; the server runs on this machine).
"""

import time

FILTER_COLUMNS = {"theme": "theme", "country": "country"}


def _filters(filters: dict, params: list) -> str:
    conditions = []
    for name, column in FILTER_COLUMNS.items():
        if filters.get(name):
            conditions.append(f"f.{column} = %s")
            params.append(filters[name])
    return "".join(f" AND {condition}" for condition in conditions)


def raw_query(query: str, language: str | None, filters: dict, page: int, per_page: int = 20):
    """Return (sql, params) of the bare engine query for one call of the benchmark."""
    from django.db import connection

    from secon.core.languages import CONTENT_LANGUAGE_CODES
    from secon.practices import search

    parsed = search.parse_query(query)
    languages = [language] if language else list(CONTENT_LANGUAGE_CODES)
    offset, depth = (page - 1) * per_page, page * per_page
    params: list = []
    if not parsed:
        where = _filters(filters, params)
        sql = (
            "SELECT f.practice_id, g.title FROM practices_indexedpractice f "
            "JOIN practices_goodpractice g ON g.id = f.practice_id "
            f"WHERE 1 = 1{where} ORDER BY f.published_at DESC LIMIT %s OFFSET %s"
        )
        return sql, [*params, per_page, offset]
    parts = []
    for code in languages:
        if connection.vendor == "postgresql":
            config = search.pg_config(code)
            part_params = [config, query.strip()[:200], code]
            where = _filters(filters, part_params)
            parts.append(
                "SELECT * FROM (SELECT e.practice_id AS pid, -ts_rank_cd(e.document, q, 1) AS score, "
                f"e.title, e.body, q, '{config}'::regconfig AS config "
                "FROM practices_searchentry e CROSS JOIN plainto_tsquery(%s::regconfig, %s) q "
                "JOIN practices_indexedpractice f ON f.practice_id = e.practice_id "
                f"WHERE e.language = %s AND e.document @@ q{where} "
                f"ORDER BY score LIMIT {depth}) p{len(parts)}"
            )
            params += part_params
            continue
        expression = search.match_expression(parsed, code)
        if not expression:
            continue
        table = search.fts_table(code)
        part_params = [expression]
        where = _filters(filters, part_params)
        parts.append(
            f"SELECT * FROM (SELECT {table}.rowid AS pid, {table}.rank AS score, "
            f"highlight({table}, 0, '<mark>', '</mark>') AS title, "
            f"snippet({table}, 1, '<mark>', '</mark>', '…', 28) AS snippet FROM {table} "
            f"JOIN practices_indexedpractice f ON f.practice_id = {table}.rowid "
            f"WHERE {table} MATCH %s{where} ORDER BY {table}.rank LIMIT {depth})"
        )
        params += part_params
    union = " UNION ALL ".join(parts) or "SELECT 0 AS pid, 0 AS score, '' AS title, '' AS snippet"
    if connection.vendor == "postgresql":
        options = "StartSel=<mark>, StopSel=</mark>"
        sql = (
            f"SELECT pid, ts_headline(config, title, q, 'HighlightAll=true, {options}'), "
            f"ts_headline(config, body, q, 'MaxWords=28, MinWords=12, {options}') "
            f"FROM ({union}) u ORDER BY score, pid LIMIT %s OFFSET %s"
        )
    else:
        sql = f"SELECT pid, title, snippet FROM ({union}) u ORDER BY score, pid LIMIT %s OFFSET %s"
    return sql, [*params, per_page, offset]


def run_raw(sql: str, params: list) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_backend: dict = {}


def cpu_now() -> float:
    """CPU seconds used so far by this process and, on PostgreSQL, by its server process."""
    from django.db import connection

    used = time.process_time()
    if connection.vendor != "postgresql":
        return used
    connection.ensure_connection()
    key = id(connection.connection)
    if key not in _backend:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            _backend[key] = cursor.fetchone()[0]
    try:
        with open(f"/proc/{_backend[key]}/schedstat") as stat:
            return used + int(stat.read().split()[0]) / 1e9
    except OSError:  # the server runs elsewhere: the client's time only
        return used
