"""The thesaurus concepts' tags, held in memory per library version for the ranked search.

A query naming a concept matches the practices tagged with it (or a narrower one); ``tagged`` reads
a concept's tags once per library version and ``concept_matches`` combines the concepts of a query.
"""

import json
import threading
from collections import OrderedDict

from django.db import connection

from secon.core.languages import CONTENT_LANGUAGE_CODES

#: A held tag is one number, mentions × LANGUAGE_SLOTS + the number of its language in
#: TAG_LANGUAGES (alphabetical: the smaller number is the first language). Mostly a small int, which
#: Python shares, where a (mentions, language) tuple cost 56 bytes more per tagged practice.
TAG_LANGUAGES = tuple(sorted(CONTENT_LANGUAGE_CODES))
LANGUAGE_NUMBER = {code: number for number, code in enumerate(TAG_LANGUAGES)}
LANGUAGE_SLOTS = 16
assert len(TAG_LANGUAGES) <= LANGUAGE_SLOTS


def combine(first: int, second: int) -> int:
    """Two held tags of one practice as one: the mentions added, the first language."""
    return (
        first
        - first % LANGUAGE_SLOTS
        + second
        - second % LANGUAGE_SLOTS
        + min(first % LANGUAGE_SLOTS, second % LANGUAGE_SLOTS)
    )


#: The tags of the concepts held in memory (per library version) stop at this many practices in
#: all: the least recently used concepts are dropped first (and read again when asked for), never
#: those a query has just read, which alone may hold more.
TAGGED_LIMIT = 400_000
_tagged: OrderedDict = OrderedDict()  # (version, concept, languages) → {pid: held tag (see combine)}
_tagged_lock = threading.Lock()


def tagged(concepts: list[str], languages: list[str], *, version: str, among=None) -> dict[str, dict]:
    """Per concept, the practices tagged with it in these languages: pid → held tag (mentions and
    first language, see ``combine``).

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
    slots, numbers = LANGUAGE_SLOTS, LANGUAGE_NUMBER
    for concept, pid, lang, weight in rows:
        found = read[concept]
        known = found.get(pid)
        tag = weight * slots + numbers[lang]
        found[pid] = tag if known is None else combine(known, tag)
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
    """pid → held tag (see ``combine``) of the practices tagged with every concept the query names
    (or a narrower one), as ``concept_search`` counts them: the mentions of all their tags, the first
    language. ``among``: only these practice ids are looked at."""
    held = tagged(expansion.concept_ids, languages, version=version, among=among)
    if len(held) == 1 and among is None:
        return next(iter(held.values()))
    if among is None:
        among = set().union(*held.values())
    # Concepts tagging nothing are left out; with one group, a practice with a tag is in it.
    groups = [[held[cid] for cid in dict.fromkeys(group.ids) if held[cid]] for group in expansion.groups]
    several = len(groups) > 1
    every = [tags for tags in held.values() if tags]
    slots = LANGUAGE_SLOTS
    found = {}
    for pid in among:
        if several and not all(any(pid in tags for tags in group) for group in groups):
            continue
        code = None
        for tags in every:
            tag = tags.get(pid)
            if tag is not None:
                # combine(code, tag), inline: the mentions added, the first language
                code = tag if code is None else code + tag - tag % slots - max(0, code % slots - tag % slots)
        if code is not None:
            found[pid] = code
    return found
