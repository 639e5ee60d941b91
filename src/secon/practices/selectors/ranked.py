"""Rank every match of a query and count its facets, with the library's facet values in memory.

The database scores each match (FTS5's bm25 on SQLite, ``ts_rank_cd`` on PostgreSQL). The facet
values of every practice of the library are read once per library version into lists indexed by
practice id, so keeping the matches inside the filters, counting their facets and picking a page
costs a few list look-ups per match, where a join and six GROUP BYs over the matches cost ten
times more.
"""

import hashlib
import heapq
import threading
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from django.core.cache import cache
from django.db import connection

from secon.practices import concept_search, search

#: The facets held in memory: name → column of the narrow index table.
COLUMNS = {
    "theme": "theme",
    "country": "country",
    "region": "region_code",
    "organisation_type": "organisation_kind",
    "project": "project_id",
    "status": "status",
}
#: The concept facet is counted over at most this many matches; above, it lists the concepts of
#: the best-ranked ones, without counts.
CONCEPT_COUNT_LIMIT = 200


_ORDER = itemgetter(1, 0)  # (pid, score, lang) rows: by score, then id


class FacetTable:
    """The facet values of the library's practices, one list per facet indexed by practice id."""

    def __init__(self, rows: list[tuple]):
        size = max((row[0] for row in rows), default=0) + 1
        self.columns = {name: [None] * size for name in COLUMNS}
        lists = [self.columns[name] for name in COLUMNS]
        interned: dict = {}
        for pid, *values in rows:
            for column, value in zip(lists, values, strict=True):
                value = "" if value is None else str(value)
                column[pid] = interned.setdefault(value, value)
        self.size = size
        self.count = len(rows)


_tables: dict[str, FacetTable] = {}
_lock = threading.Lock()


def facet_table(version: str) -> FacetTable:
    """Return the library's facet table for this library version (read once per process)."""
    table = _tables.get(version)
    if table is None:
        with _lock:
            table = _tables.get(version)
            if table is None:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT practice_id, {', '.join(COLUMNS.values())} FROM practices_indexedpractice"
                    )
                    table = FacetTable(cursor.fetchall())
                _tables.clear()  # older versions are never asked for again
                _tables[version] = table
    return table


@dataclass(frozen=True)
class Counts:
    texts: dict  # language → matching texts (counted up to a limit)
    tagged: int  # practices matching through concepts (counted up to a limit)
    broad: bool


def count(parsed, languages: list[str], expansion, *, version: str, share: int, rank_limit: int) -> Counts:
    """Count a query's matches in one statement and tell whether it is broad: more than
    ``rank_limit`` matching texts, and each of its words (or the concept it names) in more than one
    ``share``-th of all practices.

    What the words' counts tell (whether every word is common, the languages where every word
    occurs) is cached per library version. Once known, a one-word query counts nothing more, and
    others count only in those languages, up to the limit only when every word is common (counting
    costs ~35 ms per language on PostgreSQL, whose planner reads every text of a language without
    the word).
    """
    digest = hashlib.sha256(repr((parsed.words, languages)).encode()).hexdigest()
    key = f"secon:practices:words:{version}:{digest}"
    known = cache.get(key)  # (common, threshold, languages where every word occurs)
    extra, many = [], False
    if known is None:
        common, threshold = False, facet_table(version).count // share
        extra += search.word_count_parts(parsed, languages, threshold)
        if expansion:
            extra += concept_search.tagged_count_parts(expansion, languages, threshold)
        limit, counted = rank_limit, languages
    else:
        common, threshold, possible = known
        limit = rank_limit if common else 0
        counted = possible
        if len(parsed.words) == 1 and (not common or threshold >= rank_limit):
            # One word found in these languages; if common, in more than rank_limit texts.
            counted, many = [], common
    if expansion:
        extra.append((("concepts",), *concept_search.count_concept_matches_sql(expansion, languages, limit)))
    counts = search.count_matches(parsed, counted, limit, extra=extra)
    if known is None:
        words = dict.fromkeys(parsed.words, 0)
        for (kind, *rest), number in counts.items():
            if kind == "word":
                words[rest[0]] = max(words[rest[0]], number)
        for number, group in enumerate(expansion.groups if expansion else ()):
            for word in group.words:
                words[word] = max(words.get(word, 0), counts.get(("tagged", number), 0))
        # count > N // share is count > N / share for whole numbers.
        common = all(number > threshold for number in words.values())
        possible = [
            code for code in languages if all(counts.get(("word", word, code), 0) for word in parsed.words)
        ]
        cache.set(key, (common, threshold, possible), timeout=3600)
        texts = {code: counts[code] for code in languages if code in counts}
    elif counted:
        texts = {code: counts[code] for code in counted if code in counts}
    else:
        texts = dict.fromkeys(possible, 1)
    tagged = counts.get(("concepts",), 0)
    many = many or sum(texts.values()) + tagged > rank_limit
    return Counts(texts=texts, tagged=tagged, broad=common and many)


@dataclass(frozen=True)
class Conditions:
    """The filters of a search, as facet values (the same as the SQL condition of the library)."""

    hidden_projects: frozenset = frozenset()
    equals: dict = field(default_factory=dict)  # facet → value (project: its id, as text)
    concept_ids: tuple = ()  # a concept filter: the concept and its narrower ones


def keep(matches: list[tuple], table: FacetTable, conditions: Conditions) -> list[tuple]:
    """Keep the matches (pid, score, lang) of practices in the library that pass the conditions."""
    size = table.size
    projects = table.columns["project"]
    kept = [row for row in matches if row[0] < size and projects[row[0]] is not None]
    if conditions.hidden_projects:
        hidden = {str(pk) for pk in conditions.hidden_projects}
        kept = [row for row in kept if projects[row[0]] not in hidden]
    for name, value in conditions.equals.items():
        column = table.columns[name]
        kept = [row for row in kept if column[row[0]] == value]
    if conditions.concept_ids and kept:
        ids = conditions.concept_ids
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT t.practice_id FROM practices_concepttag t "
                f"WHERE t.concept IN ({', '.join(['%s'] * len(ids))})",
                list(ids),
            )
            tagged = {pid for (pid,) in cursor.fetchall()}
        kept = [row for row in kept if row[0] in tagged]
    return kept


def facet_rows(kept: list[tuple], table: FacetTable) -> list[tuple[str, str, int]]:
    """Count the kept matches per facet value: (facet, value, count) rows."""
    ids = [row[0] for row in kept]
    rows = []
    for name, column in table.columns.items():
        for value, count in Counter(map(column.__getitem__, ids)).items():
            rows.append((name, value, count))
    return rows


def concept_rows(kept: list[tuple]) -> tuple[list[tuple[str, str, int]], bool]:
    """Count the concepts of the kept matches (of the best-ranked ones when there are many).

    Returns the rows and whether they were counted over every match.
    """
    if not kept:
        return [], True
    complete = len(kept) <= CONCEPT_COUNT_LIMIT
    ids = [row[0] for row in (kept if complete else best(kept, CONCEPT_COUNT_LIMIT))]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.concept, COUNT(DISTINCT t.practice_id) FROM practices_concepttag t "
            f"WHERE t.practice_id IN ({', '.join(['%s'] * len(ids))}) GROUP BY t.concept",
            ids,
        )
        return [("concept", concept, count) for concept, count in cursor.fetchall()], complete


def best(kept: list[tuple], count: int) -> list[tuple]:
    """The ``count`` best matches: lowest score first, then the lower id (as the SQL ranked them)."""
    return heapq.nsmallest(count, kept, key=_ORDER)


def page(kept: list[tuple], *, offset: int, per_page: int) -> list[tuple]:
    return best(kept, offset + per_page)[offset:]
