"""Rank every match of a query and count its facets, with the library's facet values in memory.

The database scores each text match (FTS5's bm25 on SQLite, ``ts_rank_cd`` on PostgreSQL); the
matches through a concept are scored from its tags, held in memory per library version. The facet
values of every practice of the library are read once per library version into lists indexed by
practice id, so keeping the matches inside the filters, counting their facets and picking a page
costs a few list look-ups per match, where a join and six GROUP BYs over the matches cost ten
times more.
"""

import hashlib
import json
import threading
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from operator import itemgetter

from django.core.cache import cache
from django.db import connection

from secon.practices import concept_search, search
from secon.practices.selectors import outcomes

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


#: (pid, score, lang) rows in rank order: by score, then id.
ORDER = itemgetter(1, 0)


class FacetTable:
    """The facet values of the library's practices, one array per facet indexed by practice id.

    Each facet's values are numbered from 1 (``codes``: value → number; ``values``: number →
    value, 0 meaning no practice of the library has this id). Arrays of numbers, not lists of
    values, so that Python's garbage collections do not walk their 100,000s of items.

    Beside them, each practice's values are numbered as two combinations (the region with its
    country, and the other four facets): counting the matches per combination takes two passes
    over the matches instead of six, and the few combinations are then added up per value.
    """

    #: The facets counted together (a region lies in one country; themes, statuses, organisation
    #: types and projects are few).
    GROUPS = (("region", "country"), ("theme", "organisation_type", "project", "status"))

    def __init__(self, rows: list[tuple]):
        size = max((row[0] for row in rows), default=0) + 1
        self.codes = {name: {} for name in COLUMNS}
        self.columns = {name: array("I", bytes(4 * size)) for name in COLUMNS}
        facets = [(self.codes[name], self.columns[name]) for name in COLUMNS]
        for pid, *values in rows:
            for (codes, column), value in zip(facets, values, strict=True):
                value = "" if value is None else str(value)
                column[pid] = codes.setdefault(value, len(codes) + 1)
        self.values = {name: ("", *codes) for name, codes in self.codes.items()}
        self.size = size
        self.count = len(rows)
        # combination number per practice, and per group the values of each number
        self.combinations = []
        for names in self.GROUPS:
            numbers: dict = {}
            columns = [self.columns[name] for name in names]
            combined = array(
                "I", (numbers.setdefault(codes, len(numbers)) for codes in zip(*columns, strict=True))
            )
            values = [self.values[name] for name in names]
            labelled = [
                tuple(value[code] for value, code in zip(values, codes, strict=True)) for codes in numbers
            ]
            self.combinations.append((names, combined, labelled))

    def code(self, name: str, value: str) -> int:
        """The number of a facet value (-1, matching no practice, for a value not in the library)."""
        return self.codes[name].get(value, -1)


_tables: dict[str, FacetTable] = {}
_lock = threading.Lock()


def facet_table(version: str) -> FacetTable:
    """Return the library's facet table for this library version (read once per process).

    The first process to build it for a version (usually the worker ranking the queries asked
    lately, see ``practices.tasks``) also puts it in the cache, where the other processes find
    it: a few megabytes of arrays to unpickle instead of ~90,000 rows to read and number.
    """
    table = _tables.get(version)
    if table is None:
        with _lock:
            table = _tables.get(version)
            if table is None:
                key = f"secon:practices:facet-table:{version}"
                table = cache.get(key)
                if table is None:
                    with connection.cursor() as cursor:
                        cursor.execute(
                            f"SELECT practice_id, {', '.join(COLUMNS.values())} "
                            "FROM practices_indexedpractice"
                        )
                        table = FacetTable(cursor.fetchall())
                    cache.set(key, table, timeout=3600)
                _tables.clear()  # older versions are never asked for again
                _tables[version] = table
    return table


#: The tags of the concepts held in memory (per library version) stop at this many practices in
#: all: the least recently used concepts are dropped first (and read again when asked for), never
#: those a query has just read, which alone may hold more.
TAGGED_LIMIT = 200_000
_tagged: OrderedDict = OrderedDict()  # (version, concept, languages) → {pid: (mentions, lang)}
_tagged_lock = threading.Lock()


def tagged(concepts: list[str], languages: list[str], *, version: str, among=None) -> dict[str, dict]:
    """Per concept, the practices tagged with it in these languages: pid → (mentions, first language).

    Read once per library version (one index range of the tags, the concepts not held yet in one
    statement) and held in memory: a concept may tag a seventh of the library, and reading and
    grouping its tags was what a query naming it cost most (~25 ms for 14,000 practices), where
    the words' matches are read from the full-text index each time.

    ``among`` (practice ids, the other words' matches): on SQLite a concept not held is read for
    these practices only, and not kept — a broad concept with its narrower ones may tag every
    practice several times (250,000 tags), where the other words match a few thousand (25 ms for
    4,420 practices, one probe of the covering index each). PostgreSQL's planner reads every tag
    of each of those practices instead (150–180 ms): there the concept is read whole and kept.
    """
    if connection.vendor != "sqlite":
        among = None
    languages_key = tuple(sorted(languages))
    held = {}
    with _tagged_lock:
        for concept in concepts:
            found = _tagged.get((version, concept, languages_key))
            if found is not None:
                _tagged.move_to_end((version, concept, languages_key))
                held[concept] = found
    missing = [concept for concept in concepts if concept not in held]
    if not missing:
        return held
    sql = (
        "SELECT c.concept, c.practice_id, c.language, c.weight FROM practices_concepttag c "
        f"WHERE c.concept IN ({', '.join(['%s'] * len(missing))}) "
        f"AND c.language IN ({', '.join(['%s'] * len(languages))})"
    )
    params = [*missing, *languages]
    if among is not None:
        sql += " AND c.practice_id IN (SELECT value FROM json_each(%s))"
        params.append(json.dumps(sorted(among)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    read = {concept: {} for concept in missing}
    for concept, pid, lang, weight in rows:
        found = read[concept]
        known = found.get(pid)
        found[pid] = (weight, lang) if known is None else (known[0] + weight, min(known[1], lang))
    if among is not None:
        return held | read
    with _tagged_lock:
        for old in [old for old in _tagged if old[0] != version]:
            del _tagged[old]  # older versions are never asked for again
        for concept, found in read.items():
            _tagged[(version, concept, languages_key)] = found
        size = sum(map(len, _tagged.values()))
        while size > TAGGED_LIMIT and len(_tagged) > len(read):
            size -= len(_tagged.popitem(last=False)[1])
    return held | read


def concept_matches(expansion, languages: list[str], *, version: str, among=None) -> dict:
    """pid → (mentions, lang) of the practices tagged with every concept the query names (or a
    narrower one), as ``concept_search`` counts them: the mentions of all their tags, the first
    language. ``among``: only these practice ids are looked at."""
    held = tagged(expansion.concept_ids, languages, version=version, among=among)
    if len(held) == 1 and among is None:
        return next(iter(held.values()))
    if among is None:
        among = set().union(*held.values())
    groups = [[held[cid] for cid in dict.fromkeys(group.ids)] for group in expansion.groups]
    found = {}
    for pid in among:
        if not all(any(pid in tags for tags in group) for group in groups):
            continue
        mentions, lang = 0, None
        for tags in held.values():
            tag = tags.get(pid)
            if tag is not None:
                mentions += tag[0]
                lang = tag[1] if lang is None else min(lang, tag[1])
        found[pid] = (mentions, lang)
    return found


def merge(found: dict, rows) -> None:
    """Keep in ``found`` (pid → (score, lang)) the better of each practice's scores."""
    for pid, score, lang in rows:
        known = found.get(pid)
        if known is None or (score, lang) < known:
            found[pid] = (score, lang)


def ranked_rows(found: dict) -> list[tuple]:
    """(pid, score, lang) rows in rank order."""
    return sorted(((pid, score, lang) for pid, (score, lang) in found.items()), key=ORDER)


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
    """Keep the matches (pid, score, lang) of practices in the library that pass the conditions,
    in their order."""
    size = table.size
    projects = table.columns["project"]
    kept = [row for row in matches if row[0] < size and projects[row[0]]]
    if conditions.hidden_projects:
        hidden = {table.code("project", str(pk)) for pk in conditions.hidden_projects}
        kept = [row for row in kept if projects[row[0]] not in hidden]
    for name, value in conditions.equals.items():
        column, code = table.columns[name], table.code(name, value)
        kept = [row for row in kept if column[row[0]] == code]
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
    for names, combined, values in table.combinations:
        counts = [Counter() for _name in names]
        for number, count in Counter(map(combined.__getitem__, ids)).items():
            for counter, value in zip(counts, values[number], strict=True):
                counter[value] += count
        for name, counter in zip(names, counts, strict=True):
            rows += [(name, value, count) for value, count in counter.items()]
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
    """The ``count`` best matches (the matches come ranked: lowest score first, then the lower id)."""
    return kept[:count]


def text_and_concept_matches(parsed, text_languages, expansion, languages, version: str) -> list[tuple]:
    """(pid, score, lang) in rank order: the texts matching every word, and the practices tagged
    with the concepts whose texts match the other words (scored per mention, see concept_search)."""
    per_mention = concept_search.SCORE_PER_MENTION.get(connection.vendor, -0.2)
    limit = concept_search.MAX_MENTIONS
    # The texts' matches of every word (part 0) and of the other words (part 1), in one statement.
    parts = []
    if text_languages:
        parts.append((0, *search.hits_sql(parsed, text_languages)))
    if expansion.rest:
        parts.append((1, *search.hits_sql(expansion.rest, languages)))
    results = {0: [], 1: []}
    if parts:
        with connection.cursor() as cursor:
            union = " UNION ALL ".join(
                f"SELECT {part}, pid, score, lang FROM ({sql}) p{part}" for part, sql, _p in parts
            )
            cursor.execute(union, [param for _part, _sql, params in parts for param in params])
            for part, *row in cursor.fetchall():
                results[part].append(row)
    found: dict = {}
    merge(found, results[0])
    if expansion.rest:
        rest = results[1]
        tags = concept_matches(
            expansion, languages, version=version, among=[pid for pid, _score, _lang in rest]
        )
        merge(
            found,
            [
                (pid, score + per_mention * min(tags[pid][0], limit), lang)
                for pid, score, lang in rest
                if pid in tags
            ],
        )
    else:
        tags = concept_matches(expansion, languages, version=version)
        merge(
            found, [(pid, per_mention * min(mentions, limit), lang) for pid, (mentions, lang) in tags.items()]
        )
    return ranked_rows(found)


def rank(parsed, text_languages, expansion, languages, *, conditions: Conditions, version: str):
    """Rank every match (the database scores the texts) and count the facets of those in the filters.

    The matches through concepts are scored from their tags, held in memory per library version
    (``tagged``), and merged with the texts' matches. Returns an ``outcomes.Ranked``.
    """
    if not expansion:
        sql, params = search.hits_sql(parsed, text_languages)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pid, score, lang FROM ({sql}) h ORDER BY score, pid", params)
            matches = cursor.fetchall()
    else:
        matches = text_and_concept_matches(parsed, text_languages, expansion, languages, version)
    table = facet_table(version)
    kept = keep(matches, table, conditions)
    concept_facet, concepts_counted = concept_rows(kept)
    return outcomes.Ranked.of(
        kept,
        facet_rows=facet_rows(kept, table) + concept_facet,
        concepts_counted=concepts_counted,
        tagged=bool(expansion),
    )
