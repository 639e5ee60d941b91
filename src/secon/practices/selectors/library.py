"""Read the public library: search (FTS5 / PostgreSQL) with facets, pages and exports."""

import dataclasses
import hashlib
import math
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache as django_cache
from django.db import connection
from django.db.models import QuerySet

from secon.core import cache as cache_module
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.organisations.enums import OrganisationType
from secon.practices import concept_search, search
from secon.practices.enums import FACET_COLUMNS as INDEX_COLUMNS
from secon.practices.enums import LIBRARY_SCOPE, PUBLIC_STATUSES, Theme
from secon.practices.models import GoodPractice, SearchEntry
from secon.practices.selectors import outcomes, ranked
from secon.practices.selectors.facets import FACETS, FacetValue, facet_values, split_combinations
from secon.practices.thesaurus import get_thesaurus
from secon.projects.models import Project
from secon.projects.selectors import shown_publicly

PER_PAGE = 20
#: The texts of a practice a result page does not show (not read for it).
SECTIONS_NOT_LISTED = (
    "description",
    "resources",
    "evidence",
    "transfer_potential",
    "difficulties",
    "expert_opinion",
)


MAX_PAGE = 500


@dataclass
class Hit:
    practice: GoodPractice
    language: str = ""
    snippet: list = field(default_factory=list)
    title_snippet: list = field(default_factory=list)
    #: The query's concepts this practice is tagged with (why it matched, in any language).
    concepts: list = field(default_factory=list)


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    facets: dict[str, list[FacetValue]]
    query: search.Query
    filters: dict[str, str]
    message: str = ""
    is_estimate: bool = False
    #: The thesaurus concepts the query named (their practices are found in every language).
    concepts: list = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def public_practices() -> QuerySet[GoodPractice]:
    return GoodPractice.objects.filter(shown_publicly("project"), status__in=PUBLIC_STATUSES)


#: facet → column of the narrow index table (alias f).
FACET_COLUMNS = {name: f"f.{column}" for name, column in INDEX_COLUMNS.items()}


#: A query is ranked by relevance over every match, unless it is "broad": more than RANK_LIMIT
#: matching texts, and each of its words (or the concept it names) occurs in more than one
#: COMMON_SHARE-th of all practices. A broad query lists its newest matches first (walking the
#: index newest first stops after a page), and its facets carry no counts.
RANK_LIMIT = 2000
COMMON_SHARE = 5


@dataclass(frozen=True)
class _Scope:
    where: str
    params: list
    projects: dict  # id → (slug, acronym)
    conditions: ranked.Conditions


def _scope(filters: dict[str, str], project: Project | None) -> _Scope:
    """Return the WHERE condition on f (the narrow index table) for the filters, in one small query."""
    rows = list(Project.objects.values_list("pk", "slug", "acronym", "is_public"))
    projects = {pk: (slug, acronym) for pk, slug, acronym, _public in rows}
    where, params, equals = [], [], {}
    hidden = [pk for pk, _slug, _acronym, public in rows if not public]
    if hidden:
        where.append(f"f.project_id NOT IN ({', '.join(['%s'] * len(hidden))})")
        params += hidden
    if project is not None:
        where.append("f.project_id = %s")
        params.append(project.pk)
        equals["project"] = str(project.pk)
    for name, column in FACET_COLUMNS.items():
        value = filters.get(name)
        if not value:
            continue
        if name == "project":
            value = next((pk for pk, (slug, _a) in projects.items() if slug == value), -1)
        where.append(f"{column} = %s")
        params.append(value)
        if equals.get(name, str(value)) != str(value):  # the project's library and another project
            equals[name] = ""
        else:
            equals[name] = str(value)
    ids = []
    if filters.get("concept"):  # the concept or a narrower one
        ids = concept_search.with_narrower(filters["concept"])
        where.append(
            "f.practice_id IN (SELECT t.practice_id FROM practices_concepttag t "
            f"WHERE t.concept IN ({', '.join(['%s'] * len(ids))}))"
        )
        params += ids
    conditions = ranked.Conditions(hidden_projects=frozenset(hidden), equals=equals, concept_ids=tuple(ids))
    where_sql = " AND ".join(where) or "1 = 1"
    return _Scope(where=where_sql, params=params, projects=projects, conditions=conditions)


def clean_filters(raw: dict) -> dict[str, str]:
    """Keep the known facet filters with plausible values (anything else is ignored)."""
    allowed = {
        "theme": set(Theme.values),
        "status": {str(status) for status in PUBLIC_STATUSES},
        "organisation_type": set(OrganisationType.values),
        "concept": set(get_thesaurus().concepts),
    }
    cleaned = {}
    for name in FACETS:
        value = raw.get(name)
        if not isinstance(value, str):
            continue
        value = value.strip()[:60]
        if not value or (name in allowed and value not in allowed[name]):
            continue
        if name == "country":
            value = value.upper()[:2]
        cleaned[name] = value
    return cleaned


_FACET_NULLS = "CAST(NULL AS DOUBLE PRECISION) AS score, CAST(NULL AS TEXT) AS lang"


def _page_sql(source: str, order: str) -> str:
    return (
        "SELECT * FROM (SELECT 'page' AS kind, CAST(pid AS TEXT) AS value, CAST(NULL AS BIGINT) AS n, "
        "CAST(score AS DOUBLE PRECISION) AS score, lang "
        f"FROM {source} ORDER BY {order} LIMIT %s OFFSET %s) pg"
    )


def _browse_sql(where: str, *, filtered: bool) -> tuple[str, int]:
    """Facet counts and the newest page of the library, in one statement.

    Without filters the counts are read from the kept counts per project (``practices_facetcount``);
    with filters the matching rows are counted per combination of the six values in one GROUP BY
    (a few hundred combinations, added up per value by ``facets.split_combinations``), where six
    GROUP BYs over the rows cost two to three times more.
    """
    if filtered:
        joined = " || '|' || ".join(f"CAST({column} AS TEXT)" for column in FACET_COLUMNS.values())
        facets = (
            f"SELECT 'combination' AS kind, {joined} AS value, COUNT(*) AS n, {_FACET_NULLS} "
            f"FROM practices_indexedpractice f WHERE {where} GROUP BY {', '.join(FACET_COLUMNS.values())}"
        )
    else:  # ``where`` names f.project_id only: the counts the database keeps (migration 0012)
        facets = (
            f"SELECT f.facet AS kind, f.value, SUM(f.practices) AS n, {_FACET_NULLS} "
            f"FROM practices_facetcount f WHERE {where} GROUP BY f.facet, f.value HAVING SUM(f.practices) > 0"
        )
    source = (
        "(SELECT f.practice_id AS pid, 0 AS score, '' AS lang, f.published_at "
        f"FROM practices_indexedpractice f WHERE {where}) b"
    )
    return f"{facets} UNION ALL {_page_sql(source, 'published_at DESC, pid DESC')}", 2


def _library_version() -> str:
    """Return the page-cache token of the library: it changes whenever a published practice does."""
    key = cache_module.VERSION_PREFIX + LIBRARY_SCOPE
    token = django_cache.get(key)
    if token is None:
        django_cache.add(key, uuid.uuid4().hex, timeout=None)
        token = django_cache.get(key, "")
    return token


def search_practices(
    *,
    query: str = "",
    language: str | None = None,
    project: Project | None = None,
    filters: dict | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    whole_records: bool = False,
    practices: QuerySet[GoodPractice] | None = None,
    snippets: bool = True,
    facets: bool = True,
) -> SearchResults:
    """Search the public library: ranked hits with snippets, facet counts, one page of results.

    ``whole_records`` reads every text of the practices (for exports); a page reads what it lists.
    ``language`` limits the search to texts in that language (each language is searched with its
    own stemmer); by default every content language is searched. ``filters`` holds facet values
    (theme, country, region (NUTS code), organisation_type, project (slug), status).
    Runs a fixed number of SQL queries whatever the number of results. ``practices`` is the
    queryset the hits are loaded from (the API's, with what it serializes); without ``snippets``
    the matched texts are not read nor cut into snippets, without ``facets`` the facet counts are
    not turned into values to show (the API shows neither).
    """
    filters = clean_filters(filters or {})
    parsed = search.parse_query(query)
    message = ""
    if query and query.strip() and not parsed:
        message = "no_words"
    elif parsed.truncated:
        message = "truncated"
    languages = [language] if language in CONTENT_LANGUAGE_CODES else list(CONTENT_LANGUAGE_CODES)
    scope = _scope(filters, project)
    page = max(1, min(int(page or 1), MAX_PAGE))
    broad, concepts_counted, outcome = False, True, None
    expansion = concept_search.expand(parsed) if parsed else None
    if parsed:
        outcome, ranked_now = _outcome(parsed, languages, expansion, scope)
        if ranked_now:  # ranked again by a worker when the library changes
            outcomes.note_asked(
                text=parsed.text, language=language, filters=filters, project_id=project and project.pk
            )
        if isinstance(outcome, outcomes.Empty) or not outcome.tagged:
            expansion = None
    if parsed and isinstance(outcome, outcomes.Empty):
        rows, facet_rows, total, pages = [], [], 0, 1
    elif parsed and isinstance(outcome, outcomes.Broad):
        broad = True
        rows, facet_rows, has_next = _broad_search(
            parsed,
            list(outcome.text_languages),
            scope,
            page,
            per_page,
            expansion=expansion,
            languages=languages,
        )
        total = RANK_LIMIT + 1
        pages = page + (1 if has_next else 0)
        message = message or "broad"
    elif parsed:
        total = outcome.total
        pages = max(1, math.ceil(total / per_page))
        page = min(page, pages)
        rows = outcome.rows(offset=(page - 1) * per_page, per_page=per_page)
        facet_rows, concepts_counted = outcome.facet_rows, outcome.concepts_counted
    else:
        sql, repeat = _browse_sql(scope.where, filtered=bool(filters))
        params = scope.params * repeat
        # Browsing (no words) depends only on the filters and the library's version: cached.
        digest = hashlib.sha256(repr((scope.where, scope.params, page, per_page)).encode()).hexdigest()
        cache_key = f"secon:practices:browse:{_library_version()}:{digest}"
        cached = django_cache.get(cache_key)
        if cached is not None:
            page, total, pages, facet_rows, rows = cached
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql, [*params, per_page, (page - 1) * per_page])
                result = cursor.fetchall()
                facet_rows = split_combinations(
                    [(kind, value, n) for kind, value, n, _score, _lang in result if kind != "page"],
                    names=list(FACET_COLUMNS),
                )
                total = sum(n for kind, _value, n in facet_rows if kind == "status")
                pages = max(1, math.ceil(total / per_page))
                if page > pages:
                    page = pages
                    cursor.execute(sql, [*params, per_page, (page - 1) * per_page])
                    result = cursor.fetchall()
            rows = [(int(value), lang) for kind, value, _n, _score, lang in result if kind == "page"]
            django_cache.set(cache_key, (page, total, pages, facet_rows, rows), timeout=3600)
    ids = [pid for pid, _lang in rows]
    if practices is None:
        practices = GoodPractice.objects.select_related(
            "project", "region", "main_institution", "origin__subscription"
        )
        if not whole_records:  # a result page shows the title and summary, not the other texts
            practices = practices.defer(*SECTIONS_NOT_LISTED)
    practices = practices.in_bulk(ids) if ids else {}
    entries, tagged_with = {}, {}
    if parsed and rows and snippets:
        entries = {
            (entry.practice_id, entry.language): entry
            for entry in SearchEntry.objects.filter(practice_id__in=ids).only(
                "practice_id", "language", "title", "body"
            )
        }
    if expansion and rows and snippets:
        tagged_with = concept_search.matched_concepts(expansion, ids)
    hits = []
    for practice_id, lang in rows:
        practice = practices.get(practice_id)
        if practice is None:
            continue
        entry = entries.get((practice_id, lang))
        if entry is not None:
            stems = set(search.query_stems(parsed, entry.language))
            if expansion:
                stems |= concept_search.concept_stems(expansion, entry.language)
            hits.append(
                Hit(
                    practice=practice,
                    language=entry.language,
                    snippet=search.snippet(entry.body, stems, entry.language),
                    title_snippet=search.snippet(entry.title, stems, entry.language, width=100),
                    concepts=tagged_with.get(practice_id, []),
                )
            )
        else:
            hits.append(Hit(practice=practice))
    shown_facets = facet_values(facet_rows, filters, projects=scope.projects) if facets else {}
    if facets and not concepts_counted:  # counted over the best matches only: their order, no counts
        shown_facets["concept"] = [
            dataclasses.replace(value, count=None) for value in shown_facets["concept"]
        ]
    return SearchResults(
        hits=hits,
        total=total,
        page=page,
        pages=pages,
        facets=shown_facets,
        query=parsed,
        filters=filters,
        message=message,
        is_estimate=broad,
        concepts=expansion.concepts if expansion else [],
    )


def _outcome(parsed, languages, expansion, scope: _Scope):
    """What the query finds inside the filters (kept per library version, see ``outcomes``), and
    whether it was found now (not kept)."""
    version = _library_version()
    cache_key = outcomes.key(
        version=version, words=parsed.words, languages=languages, conditions=scope.conditions
    )
    found = outcomes.get(cache_key)
    if found is not None:
        return found, False
    # Only the languages with matches are searched.
    counts = ranked.count(
        parsed, languages, expansion, version=version, share=COMMON_SHARE, rank_limit=RANK_LIMIT
    )
    text_languages = [code for code in languages if counts.texts.get(code)]
    tagged = bool(expansion) and bool(counts.tagged)
    if not text_languages and not tagged:
        found = outcomes.Empty()
    elif counts.broad:
        found = outcomes.Broad(text_languages=tuple(text_languages), tagged=tagged)
    else:
        found = ranked.rank(
            parsed,
            text_languages,
            expansion if tagged else None,
            languages,
            conditions=scope.conditions,
            version=version,
        )
    outcomes.put(cache_key, found)
    return found, True


def _broad_search(parsed, text_languages, scope: _Scope, page: int, per_page: int, *, expansion, languages):
    """Newest matches first, without ranking or facet counts (see RANK_LIMIT)."""
    offset = (page - 1) * per_page
    limit = offset + per_page + 1
    extra = None
    if expansion:
        extra = concept_search.newest_concept_sql(
            expansion, languages, where=scope.where, where_params=scope.params, limit=limit
        )
    sql, sql_params = search.newest_sql(
        parsed, text_languages, where=scope.where, where_params=scope.params, limit=limit, extra=extra
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*sql_params, per_page + 1, offset])
        found = cursor.fetchall()
    # Facet values without counts: every value in the library (cached per library version).
    key = f"secon:practices:facet-values:{_library_version()}"
    facet_rows = django_cache.get(key)
    if facet_rows is None:
        facet_sql = (
            "SELECT facet, value, CAST(NULL AS BIGINT) FROM practices_facetcount "
            "GROUP BY facet, value HAVING SUM(practices) > 0"
        )
        with connection.cursor() as cursor:
            cursor.execute(facet_sql)
            facet_rows = cursor.fetchall()
        django_cache.set(key, facet_rows, timeout=3600)
    has_next = len(found) > per_page
    return [(pid, lang) for pid, lang in found[:per_page]], facet_rows, has_next


def list_library_export(
    *,
    project: Project | None = None,
    filters: dict | None = None,
    query: str = "",
    language: str | None = None,
) -> list[GoodPractice]:
    """Return every practice the library shows for these filters (for JSON/CSV export), ranked."""
    results = search_practices(
        query=query,
        language=language,
        project=project,
        filters=filters,
        per_page=100_000,
        whole_records=True,
    )
    return [hit.practice for hit in results.hits]
