"""Keep the search index (per language) and the facet table of the published practices up to date."""

from django.db import connection

from secon.practices import search
from secon.practices.enums import FACET_COLUMNS, PUBLIC_STATUSES
from secon.practices.models import TEXT_SECTIONS, ConceptTag, GoodPractice, IndexedPractice, SearchEntry
from secon.practices.tasks import warm_search_soon
from secon.practices.thesaurus import get_thesaurus

#: A concept named in the title counts as this many mentions.
TITLE_WEIGHT = 4


def _entry_text(practice: GoodPractice, language: str) -> tuple[str, str]:
    title = practice.title.get(language, "")
    parts = [getattr(practice, name).get(language, "") for name in TEXT_SECTIONS if name != "title"]
    parts += [", ".join(practice.keywords or []), practice.city]
    if practice.main_institution_id:
        parts.append(practice.main_institution.name)
    if practice.region_id:
        parts.append(practice.region.name)
    return title, "\n\n".join(part for part in parts if part)


def index_practice(*, practice: GoodPractice) -> list[SearchEntry]:
    """Bring the practice's search entries up to date: one per language with a title, if public."""
    existing = {entry.language: entry for entry in SearchEntry.objects.filter(practice=practice)}
    wanted = practice.texts("title").languages() if practice.status in PUBLIC_STATUSES else []
    stale = [entry for language, entry in existing.items() if language not in wanted]
    if stale:
        search.delete_entries(stale)
        ConceptTag.objects.filter(
            practice=practice, language__in=[entry.language for entry in stale]
        ).delete()
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in stale]).delete()
    saved = []
    for language in wanted:
        title, body = _entry_text(practice, language)
        entry = existing.get(language) or SearchEntry(practice=practice, language=language)
        if entry.pk and (entry.title, entry.body) == (title, body):
            continue
        entry.title, entry.body = title, body
        entry.save()
        saved.append(entry)
    search.write_entries(saved)
    tag_entries(saved)
    _index_facets(practice, public=bool(wanted))
    if wanted or stale:  # the library changed: what its visitors asked lately is ranked again
        warm_search_soon()
    return saved


def concept_weights(title: str, body: str, language: str) -> dict[str, int]:
    """Return the thesaurus concepts a text in ``language`` names, with their mentions."""
    thesaurus = get_thesaurus()
    counts = thesaurus.find_in_text(body, language)
    for concept, count in thesaurus.find_in_text(title, language).items():
        counts[concept] += TITLE_WEIGHT * count
    return dict(counts)


def tag_entries(entries) -> None:
    """Tag the entries' practices with the concepts their texts name (replacing earlier tags)."""
    by_language: dict[str, list[int]] = {}
    for entry in entries:
        by_language.setdefault(entry.language, []).append(entry.practice_id)
    for language, practice_ids in by_language.items():
        for start in range(0, len(practice_ids), 500):
            ConceptTag.objects.filter(
                language=language, practice_id__in=practice_ids[start : start + 500]
            ).delete()
    ConceptTag.objects.bulk_create(
        [
            ConceptTag(practice_id=entry.practice_id, language=entry.language, concept=concept, weight=weight)
            for entry in entries
            for concept, weight in concept_weights(entry.title, entry.body, entry.language).items()
        ],
        batch_size=2000,
    )


def _index_facets(practice: GoodPractice, *, public: bool) -> None:
    """Keep the practice's row in the narrow facet table (published practices only)."""
    if not public:
        IndexedPractice.objects.filter(practice_id=practice.pk).delete()
        return
    values = {
        "project_id": practice.project_id,
        "theme": practice.theme,
        "country": practice.country.code if practice.country else "",
        "region_code": practice.region.code if practice.region_id else "",
        "organisation_kind": practice.main_institution.kind if practice.main_institution_id else "",
        "status": practice.status,
        "published_at": practice.published_at,
    }
    IndexedPractice.objects.update_or_create(practice_id=practice.pk, defaults=values)


def recount_facets() -> None:
    """Count the facets of the indexed practices anew (the database's triggers keep them after that)."""
    parts = " UNION ALL ".join(
        f"SELECT project_id, '{facet}', CAST({column} AS TEXT), COUNT(*) FROM practices_indexedpractice "
        f"GROUP BY project_id, {column}"
        for facet, column in FACET_COLUMNS.items()
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_facetcount")
        cursor.execute(f"INSERT INTO practices_facetcount (project_id, facet, value, practices) {parts}")
