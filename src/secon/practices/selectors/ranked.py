"""Rank every match of a query and count its facets, with the library's facet values in memory.

The database scores each text match (FTS5's bm25 on SQLite, ``ts_rank`` on PostgreSQL); the
matches through a concept are scored from its tags, held in memory per library version. The facet
values of every practice of the library are read once per library version into lists indexed by
practice id, so keeping the matches inside the filters, counting their facets and picking a page
costs a few list look-ups per match, where a join and six GROUP BYs over the matches cost ten
times more.
"""

import hashlib
import threading
from array import array
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from django.core.cache import cache
from django.db import connection

from secon.practices import concept_search, search
from secon.practices.selectors import outcomes
from secon.practices.selectors.held_tags import LANGUAGE_SLOTS, TAG_LANGUAGES, concept_matches

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


class Matches:
    """Each match's best score and the language of its best text: two dicts, pid → score and
    pid → lang (no tuple per match)."""

    def __init__(self, scores: dict | None = None, langs: dict | None = None):
        self.scores = {} if scores is None else scores
        self.langs = {} if langs is None else langs

    def merge(self, rows) -> None:
        """Keep the better (lower score, then first language) of each practice's (pid, score, lang)."""
        scores, langs = self.scores, self.langs
        for pid, score, lang in rows:
            known = scores.get(pid)
            if known is None or score < known or (score == known and lang < langs[pid]):
                scores[pid] = score
                langs[pid] = lang

    def ranked(self) -> list[int]:
        """The ids in rank order: by score, then id (a stable sort by score of the ids in order)."""
        ids = sorted(self.scores)
        ids.sort(key=self.scores.__getitem__)
        return ids


class _Scored(dict):
    """Held tag → (score, language) of a match through concepts only (a few distinct values)."""

    def __init__(self, per_mention: float, limit: int):
        super().__init__()
        self.per_mention, self.limit = per_mention, limit

    def __missing__(self, tag: int) -> tuple:
        value = self[tag] = (
            self.per_mention * min(tag // LANGUAGE_SLOTS, self.limit),
            TAG_LANGUAGES[tag % LANGUAGE_SLOTS],
        )
        return value


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


def keep(matches: list[int], table: FacetTable, conditions: Conditions) -> list[int]:
    """Keep the matches (practice ids) of practices in the library that pass the conditions, in
    their order."""
    size = table.size
    projects = table.columns["project"]
    kept = [pid for pid in matches if pid < size and projects[pid]]
    if conditions.hidden_projects:
        hidden = {table.code("project", str(pk)) for pk in conditions.hidden_projects}
        kept = [pid for pid in kept if projects[pid] not in hidden]
    for name, value in conditions.equals.items():
        column, code = table.columns[name], table.code(name, value)
        kept = [pid for pid in kept if column[pid] == code]
    if conditions.concept_ids and kept:
        ids = conditions.concept_ids
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT t.practice_id FROM practices_concepttag t "
                f"WHERE t.concept IN ({', '.join(['%s'] * len(ids))})",
                list(ids),
            )
            tagged = {pid for (pid,) in cursor.fetchall()}
        kept = [pid for pid in kept if pid in tagged]
    return kept


def facet_rows(ids: list[int], table: FacetTable) -> list[tuple[str, str, int]]:
    """Count the kept matches (practice ids) per facet value: (facet, value, count) rows."""
    rows = []
    for names, combined, values in table.combinations:
        counts = [Counter() for _name in names]
        for number, count in Counter(map(combined.__getitem__, ids)).items():
            for counter, value in zip(counts, values[number], strict=True):
                counter[value] += count
        for name, counter in zip(names, counts, strict=True):
            rows += [(name, value, count) for value, count in counter.items()]
    return rows


def concept_rows(kept: list[int]) -> tuple[list[tuple[str, str, int]], bool]:
    """Count the concepts of the kept matches (of the best-ranked ones when there are many).

    Returns the rows and whether they were counted over every match.
    """
    if not kept:
        return [], True
    complete = len(kept) <= CONCEPT_COUNT_LIMIT
    ids = kept if complete else best(kept, CONCEPT_COUNT_LIMIT)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.concept, COUNT(DISTINCT t.practice_id) FROM practices_concepttag t "
            f"WHERE t.practice_id IN ({', '.join(['%s'] * len(ids))}) GROUP BY t.concept",
            ids,
        )
        return [("concept", concept, count) for concept, count in cursor.fetchall()], complete


def best(kept: list[int], count: int) -> list[int]:
    """The ``count`` best matches (the matches come ranked: lowest score first, then the lower id)."""
    return kept[:count]


def text_and_concept_matches(parsed, text_languages, expansion, languages, version: str) -> Matches:
    """The texts matching every word, and the practices tagged with the concepts whose texts match
    the other words (scored per mention, see concept_search)."""
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
    if expansion.rest:
        found = Matches()
        found.merge(results[0])
        rest = results[1]
        tags = concept_matches(
            expansion, languages, version=version, among=[pid for pid, _score, _lang in rest]
        )
        slots = LANGUAGE_SLOTS
        found.merge(
            (pid, score + per_mention * min(tags[pid] // slots, limit), lang)
            for pid, score, lang in rest
            if pid in tags
        )
        return found
    tags = concept_matches(expansion, languages, version=version)
    scored = list(map(_Scored(per_mention, limit).__getitem__, tags.values()))
    found = Matches(
        dict(zip(tags, map(itemgetter(0), scored), strict=True)),
        dict(zip(tags, map(itemgetter(1), scored), strict=True)),
    )
    found.merge(results[0])
    return found


def rank(parsed, text_languages, expansion, languages, *, conditions: Conditions, version: str):
    """Rank every match (the database scores the texts) and count the facets of those in the filters.

    The matches through concepts are scored from their tags, held in memory per library version
    (``tagged``), and merged with the texts' matches. Returns an ``outcomes.Ranked``.
    """
    if not expansion:
        sql, params = search.hits_sql(parsed, text_languages)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pid, lang FROM ({sql}) h ORDER BY score, pid", params)
            rows = cursor.fetchall()
        matches = list(map(itemgetter(0), rows))
        langs = dict(rows)
    else:
        found = text_and_concept_matches(parsed, text_languages, expansion, languages, version)
        matches, langs = found.ranked(), found.langs
    table = facet_table(version)
    kept = keep(matches, table, conditions)
    concept_facet, concepts_counted = concept_rows(kept)
    return outcomes.Ranked.of(
        kept,
        list(map(langs.__getitem__, kept)),
        facet_rows=facet_rows(kept, table) + concept_facet,
        concepts_counted=concepts_counted,
        tagged=bool(expansion),
    )
