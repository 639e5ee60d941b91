"""Hold what a query found, per library version: a later page or the same query again is a slice.

A query with words is ranked over every match (or, broad, listed newest first; see
``selectors.library``). What that costs — counting the words, scoring every match, keeping those
inside the filters, counting the facets — depends only on the words, the languages searched, the
filters and the library; the page asked for only picks 20 of the ranked matches. So the outcome
(the ranked ids with the language of each one's best text, the facet counts) is kept in the
cache under the library's version token, which the services replace whenever a published practice
changes: a changed library is never served from an older outcome. An outcome holds five bytes per
match (an array of ids, one byte for the language), at most ``MAX_MATCHES`` matches.
"""

import hashlib
import zlib
from array import array
from dataclasses import dataclass

from django.core.cache import cache

#: Outcomes with more matches are not kept (each match costs 5 bytes in the cache).
MAX_MATCHES = 100_000
#: Seconds an outcome is kept (a changed library makes it unreachable sooner).
TIMEOUT = 3600


@dataclass(frozen=True)
class Ranked:
    """Every match inside the filters, in rank order, with its facet counts."""

    ids: array  # practice ids, best first
    langs: bytes  # per id, the index in ``languages`` of the language of its best text
    languages: tuple[str, ...]
    facet_rows: list  # (facet, value, count), the concept facet's too
    concepts_counted: bool  # the concept facet was counted over every match
    tagged: bool  # matches came through the query's concepts

    @property
    def total(self) -> int:
        return len(self.ids)

    def rows(self, *, offset: int, per_page: int) -> list[tuple[int, str]]:
        """(pid, language) of the matches on one page."""
        end = offset + per_page
        return [
            (pid, self.languages[code])
            for pid, code in zip(self.ids[offset:end], self.langs[offset:end], strict=True)
        ]

    @classmethod
    def of(
        cls, ids: list[int], langs: list[str], *, facet_rows, concepts_counted: bool, tagged: bool
    ) -> "Ranked":
        """Pack the ranked ids with, per id, the language of its best text."""
        languages = tuple(dict.fromkeys(langs))
        number = {code: index for index, code in enumerate(languages)}
        return cls(
            ids=array("I", ids),
            langs=bytes(map(number.__getitem__, langs)),
            languages=languages,
            facet_rows=facet_rows,
            concepts_counted=concepts_counted,
            tagged=tagged,
        )


@dataclass(frozen=True)
class Broad:
    """Every word is common: the newest matches first, read page by page (cheap)."""

    text_languages: tuple[str, ...]
    tagged: bool


@dataclass(frozen=True)
class Empty:
    """Nothing matches."""


def key(*, version: str, words, languages, conditions) -> str:
    """The cache key of a query's outcome under this library version."""
    what = repr(
        (
            tuple(words),
            tuple(languages),
            sorted(conditions.hidden_projects),
            sorted(conditions.equals.items()),
            tuple(conditions.concept_ids),
        )
    )
    # "z": the ids and languages compressed (see put); kept outcomes of the earlier form are not read.
    return f"secon:practices:outcome:z:{version}:{hashlib.sha256(what.encode()).hexdigest()}"


def get(cache_key: str):
    """The kept outcome (Ranked, Broad or Empty), or None."""
    found = cache.get(cache_key)
    if found is None:
        return None
    kind, *values = found
    if kind == "ranked":
        ids, langs, languages, facet_rows, concepts_counted, tagged = values
        packed = array("I")
        packed.frombytes(zlib.decompress(ids))
        return Ranked(packed, zlib.decompress(langs), languages, facet_rows, concepts_counted, tagged)
    if kind == "broad":
        return Broad(*values)
    return Empty()


def put(cache_key: str, outcome) -> None:
    """Keep an outcome (a ranked one only up to MAX_MATCHES matches)."""
    if isinstance(outcome, Ranked):
        if outcome.total > MAX_MATCHES:
            return
        # Compressed here, fast (zlib level 1): the file cache's own compression (level 6) of the
        # ids, hardly compressible, cost ~5 ms for 13,000 matches, of what is compressed already <1.
        value = (
            "ranked",
            zlib.compress(outcome.ids.tobytes(), 1),
            zlib.compress(outcome.langs, 1),
            outcome.languages,
            outcome.facet_rows,
            outcome.concepts_counted,
            outcome.tagged,
        )
    elif isinstance(outcome, Broad):
        value = ("broad", outcome.text_languages, outcome.tagged)
    else:
        value = ("empty",)
    cache.set(cache_key, value, timeout=TIMEOUT)


#: The queries asked lately (their text, language, filters and project), ranked again by a worker
#: once the library changes (``practices.tasks.warm_search``), so that the next visitor asking one
#: reads a kept outcome.
ASKED_KEY = "secon:practices:asked"
ASKED_LIMIT = 50


def note_asked(*, text: str, language: str | None, filters: dict, project_id: int | None) -> None:
    """Remember a query that was ranked (the most recent ASKED_LIMIT distinct ones are kept)."""
    asked = [text, language or "", sorted(filters.items()), project_id]
    known = cache.get(ASKED_KEY) or []
    cache.set(ASKED_KEY, [asked, *[item for item in known if item != asked]][:ASKED_LIMIT], timeout=None)


def asked() -> list[tuple[str, str | None, dict, int | None]]:
    """The queries asked lately, most recent first: (text, language, filters, project id)."""
    return [
        (text, language or None, dict(filters), project_id)
        for text, language, filters, project_id in cache.get(ASKED_KEY) or []
    ]
