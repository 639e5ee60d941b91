"""What a query found is kept per library version: pages are slices, a changed library is seen."""

import pytest

from django.core.cache import cache

from secon.practices.selectors import held_tags, outcomes, ranked
from secon.practices.selectors.library import search_practices
from secon.practices.services import drafts
from secon.projects.models import Project


def ids(results):
    return [hit.practice.pk for hit in results.hits]


@pytest.fixture
def bakeries(publish):
    return [
        publish(
            texts={"title": {"en": f"Bakery number {number}"}, "description": {"en": "Bread " * (number + 1)}}
        )
        for number in range(5)
    ]


def test_pages_are_slices_of_the_whole_ranking(bakeries, django_assert_max_num_queries):
    whole = ids(search_practices(query="bakery", per_page=50))
    assert sorted(whole) == sorted(practice.pk for practice in bakeries)
    pages = [search_practices(query="bakery", per_page=2, page=page) for page in (1, 2, 3)]
    assert [pk for page in pages for pk in ids(page)] == whole
    assert [(page.total, page.pages) for page in pages] == [(5, 3)] * 3
    # Asked again, the same page reads only what it shows: no counting, ranking or facet query.
    with django_assert_max_num_queries(4):
        again = search_practices(query="bakery", per_page=2, page=2)
    assert ids(again) == ids(pages[1])
    assert again.facets == pages[1].facets


def test_a_kept_outcome_gives_what_ranking_again_gives(bakeries, monkeypatch):
    first = search_practices(query="bakery bread", per_page=2, page=2)
    kept = search_practices(query="bakery bread", per_page=2, page=2)
    monkeypatch.setattr(outcomes, "get", lambda key: None)
    fresh = search_practices(query="bakery bread", per_page=2, page=2)
    for results in (kept, fresh):
        assert (ids(results), results.total, results.facets) == (ids(first), first.total, first.facets)


def test_a_changed_library_is_seen(bakeries, publish, coordinator, django_capture_on_commit_callbacks):
    assert search_practices(query="bakery").total == 5
    with django_capture_on_commit_callbacks(execute=True):
        newest = publish(texts={"title": {"en": "Bakery and bakery cooperative"}})
    results = search_practices(query="bakery")
    assert results.total == 6 and newest.pk in ids(results)
    with django_capture_on_commit_callbacks(execute=True):
        drafts.update_practice(actor=coordinator, practice=bakeries[0], title={"en": "Butcher's shop"})
    assert bakeries[0].pk not in ids(search_practices(query="bakery"))


def test_filters_and_hidden_projects_are_part_of_what_is_kept(bakeries, publish, project):
    greener = publish(texts={"title": {"en": "Solar bakery"}}, theme="greener")
    assert search_practices(query="bakery").total == 6
    assert ids(search_practices(query="bakery", filters={"theme": "greener"})) == [greener.pk]
    # Hiding a project is no change of the library, yet the next search leaves its practices out.
    Project.objects.filter(pk=project.pk).update(is_public=False)
    assert search_practices(query="bakery").total == 0


def test_large_outcomes_are_not_kept(bakeries, monkeypatch):
    monkeypatch.setattr(outcomes, "MAX_MATCHES", 4)
    stored = []
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: stored.append(key))
    search_practices(query="bakery")
    assert not [key for key in stored if key.startswith("secon:practices:outcome:")]


def test_a_concept_with_other_words_finds_the_same_whether_its_tags_are_held_or_not(publish):
    spanish = publish(texts={"title": {"es": "Cooperativa de la Sierra", "en": "Olive oil of the Sierra"}})
    publish(texts={"title": {"en": "A bakery run as a cooperative"}})
    publish(texts={"title": {"en": "Sierra walks"}})
    held_tags._tagged.clear()
    not_held = search_practices(query="Genossenschaften Sierra")
    search_practices(query="Genossenschaften")  # holds the concept's tags in memory
    held = search_practices(query="Sierra Genossenschaften")
    assert ids(not_held) == ids(held) == [spanish.pk]


def test_the_queries_asked_lately_are_ranked_again_when_the_library_changes(
    bakeries, publish, django_capture_on_commit_callbacks
):
    from secon.core import tasks
    from secon.core.models import Job
    from secon.practices.selectors import library
    from secon.practices.tasks import warm_search

    search_practices(query="bakery", filters={"theme": "social"})
    assert outcomes.asked() == [("bakery", None, {"theme": "social"}, None)]
    Job.objects.filter(task=warm_search.name).delete()
    with django_capture_on_commit_callbacks(execute=True):
        newest = publish(texts={"title": {"en": "Bakery of the valley"}})
    # One job for the change, run by a worker once the change committed; it keeps the outcome
    # under the new version, which the next visitor reads.
    job = Job.objects.get(task=warm_search.name)
    assert tasks.execute(job.pk)["outcome"] == "succeeded"
    scope = library._scope({"theme": "social"}, None)
    key = outcomes.key(
        version=library._library_version(),
        words=("bakery",),
        languages=library.CONTENT_LANGUAGE_CODES,
        conditions=scope.conditions,
    )
    kept = outcomes.get(key)
    assert kept is not None and newest.pk in kept.ids
    assert newest.pk in ids(search_practices(query="bakery", filters={"theme": "social"}))


def test_the_facet_table_built_by_one_process_is_read_by_the_others(
    bakeries, publish, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from secon.practices.selectors import library

    version = library._library_version()
    built = ranked.facet_table(version)
    ranked._tables.clear()  # another process: nothing in its memory
    with django_assert_num_queries(0):
        read = ranked.facet_table(version)
    assert (read.size, read.count, read.codes) == (built.size, built.count, built.codes)
    assert read.columns == built.columns
    # A changed library has a new version, and its table holds the new practice.
    with django_capture_on_commit_callbacks(execute=True):
        newest = publish(texts={"title": {"en": "Bakery of the hills"}})
    assert library._library_version() != version
    assert ranked.facet_table(library._library_version()).columns["project"][newest.pk]


def test_browsing_reads_the_facet_counts_the_database_keeps(bakeries, publish, coordinator):
    from django.db import connection

    from secon.practices.models import IndexedPractice
    from secon.practices.services.indexing import recount_facets

    publish(texts={"title": {"en": "Solar bakery"}}, theme="greener")
    drafts.update_practice(actor=coordinator, practice=bakeries[1], theme="greener")
    IndexedPractice.objects.filter(practice_id=bakeries[2].pk).delete()  # leaves the library

    def kept():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT project_id, facet, value, practices FROM practices_facetcount "
                "WHERE practices > 0 ORDER BY project_id, facet, value"
            )
            return cursor.fetchall()

    counted_by_triggers = kept()
    recount_facets()
    assert kept() == counted_by_triggers
    cache.clear()
    results = search_practices()
    assert results.total == 5
    themes = {value.value: value.count for value in results.facets["theme"]}
    assert themes["greener"] == 2 and sum(themes.values()) == 5
    assert [value.count for value in results.facets["status"]] == [5]
