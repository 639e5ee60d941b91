"""Search across languages: a query's words that name a thesaurus concept also find the practices
tagged with that concept, whatever language they are written in.

A query is split into the phrases that name concepts ("Genossenschaften" → *cooperative*) and the
other words. A practice matches when its text matches every word (the full-text search of
:mod:`secon.practices.search`), or when it is tagged with each named concept (or a narrower one: a
social cooperative is a cooperative) and its text matches the other words. The SQL is the same on
SQLite and PostgreSQL: the tags are an ordinary indexed table.
"""

from dataclasses import dataclass

from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.practices import search
from secon.practices.models import ConceptTag
from secon.practices.thesaurus import Concept, get_thesaurus, term_key

#: A concept-only match scores this much per mention, counting up to MAX_MENTIONS (the full-text
#: scores: bm25 on SQLite is about -1 to -20, ts_rank on PostgreSQL about 0 to -0.3; lower first;
#: ts_rank's scores are about a third of ts_rank_cd's, used until 2026-12, whose mention scored -0.02).
#: The matches are scored and merged in ``selectors.ranked.text_and_concept_matches``.
SCORE_PER_MENTION = {"sqlite": -0.2, "postgresql": -0.007}
MAX_MENTIONS = 10


@dataclass(frozen=True)
class ConceptGroup:
    """A phrase of the query naming a concept; ``ids`` adds the concepts narrower than it."""

    concept: Concept
    ids: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Expansion:
    groups: tuple[ConceptGroup, ...]
    rest: search.Query

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def concepts(self) -> list[Concept]:
        return [group.concept for group in self.groups]

    @property
    def concept_ids(self) -> list[str]:
        return list(dict.fromkeys(cid for group in self.groups for cid in group.ids))


def with_narrower(concept_id: str) -> list[str]:
    thesaurus = get_thesaurus()
    found, pending = [concept_id], [concept_id]
    while pending:
        for narrower in thesaurus.narrower(pending.pop()):
            if narrower.id not in found:
                found.append(narrower.id)
                pending.append(narrower.id)
    return found


def expand(query: search.Query) -> Expansion:
    """Find the concepts the query's words name, in any of the thesaurus' languages."""
    thesaurus = get_thesaurus()
    # Each query word may fold into several (an apostrophe splits "d'insertion").
    folded, owner = [], []
    for index, word in enumerate(query.words):
        for part in term_key(word).split():
            folded.append(part)
            owner.append(index)
    groups, used = {}, set()
    for match in thesaurus.find_in_words(folded):
        words = tuple(dict.fromkeys(query.words[owner[i]] for i in range(match.start, match.end)))
        used.update(owner[i] for i in range(match.start, match.end))
        key = (match.start, match.end)
        if key in groups:  # a term shared by a broader and a narrower concept: the broader wins
            continue
        groups[key] = ConceptGroup(
            concept=match.concept, ids=tuple(with_narrower(match.concept.id)), words=words
        )
    rest = tuple(word for index, word in enumerate(query.words) if index not in used)
    return Expansion(groups=tuple(groups.values()), rest=search.Query(raw=" ".join(rest), words=rest))


def _tagged_sql(expansion: Expansion, languages: list[str], *, where: str = "", where_params=(), among=None):
    """Practices tagged with every group's concepts: (pid, lang, mentions).

    ``among`` (sql, params) selects the practice ids (pid) to look at, e.g. the other words' matches.
    """
    if among is not None:
        where = " AND ".join(filter(None, [where, f"c.practice_id IN (SELECT pid FROM ({among[0]}) a)"]))
        where_params = [*where_params, *among[1]]
    ids = expansion.concept_ids
    cases = " ".join(
        f"WHEN c.concept IN ({', '.join(['%s'] * len(group.ids))}) THEN {number}"
        for number, group in enumerate(expansion.groups)
    )
    case_params = [cid for group in expansion.groups for cid in group.ids]
    join = "JOIN practices_indexedpractice f ON f.practice_id = c.practice_id " if "f." in where else ""
    # Every tag is in a content language: without a language to limit to, the index is probed on
    # (concept, practice) alone instead of once per language.
    limited = set(languages) != set(CONTENT_LANGUAGE_CODES)
    language_params = list(languages) if limited else []
    sql = (
        "SELECT c.practice_id AS pid, MIN(c.language) AS lang, SUM(c.weight) AS mentions "
        f"FROM practices_concepttag c {join}"
        f"WHERE c.concept IN ({', '.join(['%s'] * len(ids))})"
        + (f" AND c.language IN ({', '.join(['%s'] * len(languages))})" if limited else "")
        + (f" AND {where}" if where else "")
        + " GROUP BY c.practice_id"
    )
    if len(expansion.groups) == 1:  # any of the ids is the group's concept
        return sql, [*ids, *language_params, *where_params]
    sql += f" HAVING COUNT(DISTINCT CASE {cases} END) = {len(expansion.groups)}"
    return sql, [*ids, *language_params, *where_params, *case_params]


def count_concept_matches_sql(expansion: Expansion, languages: list[str], limit: int) -> tuple[str, list]:
    """SQL counting the practices tagged with the query's concepts, stopping at ``limit`` + 1."""
    if len(expansion.groups) == 1:
        # One concept (and its narrower ones): its tagged texts, as count_matches counts texts, read
        # from the index and stopping at the limit.
        ids = expansion.concept_ids
        sql = (
            "SELECT COUNT(*) FROM (SELECT 1 FROM practices_concepttag c "
            f"WHERE c.concept IN ({', '.join(['%s'] * len(ids))}) "
            f"AND c.language IN ({', '.join(['%s'] * len(languages))}) LIMIT %s) n"
        )
        params = [*ids, *languages, limit + 1]
    else:
        tagged, tagged_params = _tagged_sql(expansion, languages)
        sql, params = (
            f"SELECT COUNT(*) FROM (SELECT pid FROM ({tagged}) t LIMIT %s) n",
            [*tagged_params, limit + 1],
        )
    return sql, params


def tagged_count_parts(expansion: Expansion, languages: list[str], limit: int) -> list[tuple]:
    """Counts (for ``search.count_matches``' ``extra``), per concept the query names, of the
    practices tagged with it or a narrower one, under the key ("tagged", number); each stops at
    ``limit`` + 1."""
    parts = []
    for number, group in enumerate(expansion.groups):
        sql = (
            "SELECT COUNT(*) FROM (SELECT DISTINCT c.practice_id FROM practices_concepttag c "
            f"WHERE c.concept IN ({', '.join(['%s'] * len(group.ids))}) "
            f"AND c.language IN ({', '.join(['%s'] * len(languages))}) LIMIT %s) n"
        )
        parts.append((("tagged", number), sql, [*group.ids, *languages, limit + 1]))
    return parts


def newest_concept_sql(
    expansion: Expansion, languages: list[str], *, where: str, where_params: list, limit: int
):
    """(pid, lang) of the newest ``limit`` practices matching through concepts (for broad queries).

    With one concept, each of its ids is walked newest first in the (concept, practice) index and
    stops after ``limit`` practices; the caller merges them.
    """
    rest_condition, rest_params = "", []
    if expansion.rest:  # the other words' matches, unranked
        rest_sql, rest_params = search.matching_ids_sql(expansion.rest, languages)
        rest_condition = f" AND c.practice_id IN (SELECT pid FROM ({rest_sql}) r)"
    if len(expansion.groups) == 1 and not expansion.rest:
        parts, params = [], []
        for number, cid in enumerate(expansion.concept_ids):
            parts.append(
                "SELECT * FROM (SELECT c.practice_id AS pid, MIN(c.language) AS lang "
                "FROM practices_concepttag c "
                "JOIN practices_indexedpractice f ON f.practice_id = c.practice_id "
                f"WHERE c.concept = %s AND c.language IN ({', '.join(['%s'] * len(languages))}) "
                f"AND {where}{rest_condition} GROUP BY c.practice_id "
                f"ORDER BY c.practice_id DESC LIMIT {int(limit)}) xc{number}"
            )
            params += [cid, *languages, *where_params, *rest_params]
        return " UNION ALL ".join(parts), params
    # Several concepts, or other words too: the other words' matches are gathered once.
    tagged, params = _tagged_sql(
        expansion, languages, where=where + rest_condition, where_params=[*where_params, *rest_params]
    )
    sql = f"SELECT t.pid, t.lang FROM ({tagged}) t"
    return f"SELECT * FROM ({sql} ORDER BY t.pid DESC LIMIT {int(limit)}) xc", params


def concept_stems(expansion: Expansion, language: str) -> set[str]:
    """The stemmed one-word terms of the concepts in a language, to mark them in a snippet.

    Words of longer terms are left out: "consumer" of "consumer cooperative" alone is no match.
    """
    thesaurus = get_thesaurus()
    words = set()
    for cid in expansion.concept_ids:
        for term in thesaurus.concepts[cid].terms.get(language, ()):
            key = term_key(term)
            if key and " " not in key:
                words.add(key)
    return set(search.stem_words(sorted(words), language))


def matched_concepts(expansion: Expansion, ids: list[int]) -> dict[int, list]:
    """Return, per practice, the query's concepts it is tagged with (one query)."""
    by_id = {}
    for group in expansion.groups:
        for cid in group.ids:
            by_id.setdefault(cid, group.concept)
    found: dict[int, list] = {}
    rows = ConceptTag.objects.filter(practice_id__in=ids, concept__in=list(by_id)).values_list(
        "practice_id", "concept"
    )
    for practice_id, cid in rows.distinct():
        concept = by_id[cid]
        if concept not in found.setdefault(practice_id, []):
            found[practice_id].append(concept)
    return found
