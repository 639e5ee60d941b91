"""Full-text search: stemming and accent folding per language, ranking, snippets, facets, bad queries."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secon.practices import search
from secon.practices.models import GoodPractice, SearchEntry
from secon.practices.selectors.library import search_practices
from secon.practices.services import drafts


@pytest.fixture
def library(publish):
    insercion = publish(
        texts={
            "title": {
                "en": "Textile reuse for work integration",
                "es": "Reutilización textil para la inserción",
            },
            "summary": {
                "en": "Jobs sorting used clothes.",
                "es": "Empleo en la clasificación de ropa usada.",
            },
            "description": {
                "en": "Integration pathways for people far from work.",
                "es": "Itinerarios de inserción laboral para personas alejadas del empleo.",
            },
        }
    )
    genossenschaft = publish(
        texts={
            "title": {"en": "Shepherd school", "de": "Schäferschule einer Genossenschaft"},
            "description": {
                "en": "A livestock cooperative trains young shepherds.",
                "de": "Eine Viehzüchtergenossenschaft bildet junge Hirten aus. Die Genossenschaft zahlt.",
            },
        },
        theme="greener",
    )
    greek = publish(
        texts={
            "title": {"en": "Olive growers' initiative", "el": "Πρωτοβουλία ελαιοπαραγωγών"},
            "description": {
                "en": "Olive growers market together.",
                "el": "Οι συνεταιρισμοί ελαιοπαραγωγών πουλάνε μαζί.",
            },
        }
    )
    return {"insercion": insercion, "genossenschaft": genossenschaft, "greek": greek}


def ids(results):
    return [hit.practice.pk for hit in results.hits]


def test_only_published_practices_are_indexed(library, editor, project):
    draft = drafts.create_practice(actor=editor, project=project, title={"en": "Secret textile draft"})
    assert not SearchEntry.objects.filter(practice=draft).exists()
    assert draft.pk not in ids(search_practices(query="textile"))


def test_accents_do_not_matter(library):
    assert ids(search_practices(query="insercion")) == [library["insercion"].pk]
    assert ids(search_practices(query="INSERCIÓN", language="es")) == [library["insercion"].pk]


def test_german_plural_finds_the_singular(library):
    # The German text matches; through the concept *cooperative* the Greek cooperatives do too.
    assert set(ids(search_practices(query="Genossenschaften"))) == {
        library["genossenschaft"].pk,
        library["greek"].pk,
    }
    assert ids(search_practices(query="genossenschaften", language="de")) == [library["genossenschaft"].pk]


def test_greek_forms_match(library):
    assert ids(search_practices(query="συνεταιρισμός", language="el")) == [library["greek"].pk]
    assert library["greek"].pk in ids(search_practices(query="συνεταιρισμός"))


def test_english_stemming_and_all_words_must_match(library):
    assert ids(search_practices(query="shepherds")) == [library["genossenschaft"].pk]
    assert ids(search_practices(query="shepherd olive")) == []


def test_the_language_filter_limits_the_texts_searched(library):
    assert ids(search_practices(query="textile", language="de")) == []
    assert ids(search_practices(query="textil", language="es")) == [library["insercion"].pk]


def test_hits_are_ranked_and_highlighted(library, publish):
    weak = publish(
        texts={
            "title": {"en": "Community kitchen"},
            "difficulties": {"en": "Cooperation was slow; a cooperative helped."},
        }
    )
    results = search_practices(query="cooperative")
    assert ids(results)[-1] == weak.pk or library["genossenschaft"].pk in ids(results)
    hit = next(hit for hit in results.hits if hit.practice.pk == weak.pk)
    marked = [fragment.text for fragment in hit.snippet if fragment.is_match]
    assert "cooperative" in marked


def test_facets_count_the_results_and_filters_narrow_them(library):
    results = search_practices()
    assert results.total == 3
    themes = {value.value: value.count for value in results.facets["theme"]}
    assert themes == {"social": 2, "greener": 1}
    assert {value.value for value in results.facets["country"]} == {"ES"}
    filtered = search_practices(filters={"theme": "greener"})
    assert ids(filtered) == [library["genossenschaft"].pk]
    assert filtered.facets["theme"][0].selected


def test_unknown_filter_values_are_ignored(library):
    assert search_practices(filters={"theme": "'; DROP TABLE x; --", "status": "draft"}).total == 3


def test_pagination(publish):
    for number in range(5):
        publish(texts={"title": {"en": f"Cooperative number {number}"}})
    first = search_practices(query="cooperative", per_page=2)
    assert (first.total, first.pages, len(first.hits)) == (5, 3, 2)
    last = search_practices(query="cooperative", per_page=2, page=99)
    assert last.page == 3 and len(last.hits) == 1


def test_unpublishing_removes_from_the_index(library, coordinator):
    practice = library["greek"]
    assert SearchEntry.objects.filter(practice=practice).count() == 2
    drafts.update_practice(actor=coordinator, practice=practice, title={"en": "Olive growers together"})
    assert ids(search_practices(query="together")) == [practice.pk]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed',
        "*",
        "a*",
        "NEAR",
        "NEAR(a b)",
        "-",
        "- -",
        "AND",
        "OR",
        "a OR",
        "(",
        ")",
        "^",
        ":",
        "title:x",
        "!!!???",
        "'",
        "\\",
        "\x00",
        "{}",
        "NOT",
        "x" * 10_000,
        "coop " * 3000,
    ],
)
def test_fts_syntax_and_absurd_queries_never_break(library, query):
    results = search_practices(query=query)
    assert results.total >= 0


def test_punctuation_only_gets_a_message(library):
    assert search_practices(query='?!*"-').message == "no_words"
    assert search_practices(query="word " * 100).message == "truncated"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), language=st.sampled_from([None, "en", "es", "de", "el", "pl"]))
def test_any_query_is_safe(library, query, language):
    results = search_practices(query=query, language=language)
    assert results.total >= 0


def test_query_parsing_keeps_plain_words():
    parsed = search.parse_query('"cooperativas" AND NEAR(-inserción*)')
    assert parsed.words == ("cooperativas", "AND", "NEAR", "inserción")


def test_broad_queries_show_the_newest_matches_without_counts(library, publish, monkeypatch):
    from secon.practices.selectors import library as selectors

    monkeypatch.setattr(selectors, "RANK_LIMIT", 1)
    newest = publish(texts={"title": {"en": "Integration through cooperatives"}})
    results = search_practices(query="integration", per_page=1)
    assert results.message == "broad" and results.is_estimate
    assert ids(results) == [newest.pk]
    assert results.has_next
    assert all(value.count is None for value in results.facets["theme"])
    second = search_practices(query="integration", per_page=1, page=2)
    assert ids(second) == [library["greek"].pk]  # every library text mentions work integration
    filtered = search_practices(query="integration", filters={"theme": "greener"})
    assert ids(filtered) == [library["genossenschaft"].pk]


def test_a_rebuild_after_a_flush_forgets_the_deleted_practices_words(library, publish):
    """A flush restarts ids but leaves the full-text tables (they are not models): the rebuild
    that follows it must empty them, or a new practice with a reused id is found by old words."""
    from django.apps import apps

    old_id = library["greek"].pk
    GoodPractice.objects.filter(pk=old_id).delete()  # as a flush does: no index service
    apps.get_app_config("practices").rebuild_derived_data()
    assert search.count_matches(search.parse_query("ελαιοπαραγωγών"), ["el"], limit=10) == {"el": 0}


def test_many_matches_are_ranked_unless_every_word_is_common(library, publish, monkeypatch):
    """Above the ranking limit a query is still ranked over all its matches when one of its words
    occurs in at most a fifth of the practices; only a query of common words is listed newest first."""
    from secon.practices.selectors import library as selectors

    monkeypatch.setattr(selectors, "RANK_LIMIT", 1)
    strong = publish(texts={"title": {"en": "Bakery bakery cooperative"}})
    weak = publish(texts={"title": {"en": "Cooperative shop"}, "description": {"en": "It has a bakery."}})
    for number in range(7):
        publish(texts={"title": {"en": f"Cooperative number {number}"}})
    # 12 practices: "bakery" occurs in 2 (not more than a fifth), "cooperative" in 10.
    results = search_practices(query="bakery", per_page=1)
    assert (results.message, results.is_estimate, results.total, results.pages) == ("", False, 2, 2)
    assert ids(results) == [strong.pk]
    assert ids(search_practices(query="bakery", per_page=1, page=2)) == [weak.pk]
    assert sum(value.count for value in results.facets["theme"]) == 2
    assert search_practices(query="bakery cooperative").total == 2  # one rare word is enough
    common = search_practices(query="cooperative")
    assert common.message == "broad" and common.is_estimate


def test_the_page_says_why_common_words_are_not_ranked(client, library, monkeypatch):
    from secon.practices.selectors import library as selectors

    monkeypatch.setattr(selectors, "RANK_LIMIT", 1)
    html = client.get("/en/practices/", {"q": "integration"}).content.decode()
    assert "more than a fifth of all practices" in html
