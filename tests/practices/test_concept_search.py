"""Search across languages through the thesaurus, on SQLite and PostgreSQL alike."""

import importlib

import pytest

from django.apps import apps

from secon.practices.models import ConceptTag
from secon.practices.selectors.library import search_practices
from tests.practices.factories import library_url

SPANISH = {
    "title": {"es": "Cooperativas de mujeres en la Sierra", "en": "Women of the Sierra sell olive oil"},
    "summary": {
        "es": "Tres cooperativas agrarias venden aceite de la Sierra de Gata.",
        "en": "Three groups of farms sell oil together.",
    },
    "description": {"es": "Mujeres del medio rural crean empleo.", "en": "Women create jobs."},
}
ENGLISH = {"title": {"en": "A bakery run as a cooperative"}}
UNRELATED = {
    "title": {"en": "Repair café in the library"},
    "summary": {"en": "Volunteers mend what breaks."},
    "description": {"en": "Neighbours meet."},
    "keywords": [],
}


@pytest.fixture
def cooperatives(publish):
    return {
        "spanish": publish(texts=SPANISH),
        "english": publish(texts=ENGLISH),
        "unrelated": publish(texts={key: value for key, value in UNRELATED.items() if key != "keywords"}),
    }


def ids(results):
    return {hit.practice.pk for hit in results.hits}


def test_a_german_plural_finds_the_spanish_and_english_cooperatives_and_says_why(client, cooperatives):
    response = client.get(library_url(language="de"), {"q": "Genossenschaften"})
    html = response.content.decode()
    assert response.status_code == 200
    assert cooperatives["spanish"].get_absolute_url().replace("/en/", "/de/") in html
    assert cooperatives["english"].get_absolute_url().replace("/en/", "/de/") in html
    assert cooperatives["unrelated"].get_absolute_url().replace("/en/", "/de/") not in html
    assert "In allen Sprachen gefunden:" in html
    assert "gefunden über:" in html
    assert ">Genossenschaft</a>" in html  # the concept, named in the visitor's language
    assert "<mark>cooperativas</mark>" in html  # the Spanish text's own word is marked


def test_concepts_combine_with_other_words_and_the_language_filter(cooperatives):
    assert ids(search_practices(query="Genossenschaften Sierra")) == {cooperatives["spanish"].pk}
    assert ids(search_practices(query="Genossenschaften", language="en")) == {cooperatives["english"].pk}
    assert ids(search_practices(query="συνεταιρισμοί")) == {
        cooperatives["spanish"].pk,
        cooperatives["english"].pk,
    }
    # A narrower concept finds only its own practices; the broader one finds the narrower's too.
    assert ids(search_practices(query="Agrargenossenschaften")) == {cooperatives["spanish"].pk}
    results = search_practices(query="spółdzielnia")
    assert [concept.id for concept in results.concepts] == ["cooperative"]
    assert all([concept.id for concept in hit.concepts] == ["cooperative"] for hit in results.hits)


def test_a_word_without_a_concept_is_searched_as_before(cooperatives):
    results = search_practices(query="bakery")
    assert ids(results) == {cooperatives["english"].pk} and results.concepts == []


def test_broad_concept_queries_page_through_the_newest(cooperatives, monkeypatch):
    from secon.practices.selectors import library as selectors

    monkeypatch.setattr(selectors, "RANK_LIMIT", 1)
    first = search_practices(query="Genossenschaften", per_page=1)
    assert first.is_estimate and first.has_next
    second = search_practices(query="Genossenschaften", per_page=1, page=2)
    assert ids(first) | ids(second) == {cooperatives["spanish"].pk, cooperatives["english"].pk}


def test_tags_follow_the_texts_and_are_rebuilt_after_a_restore_or_migration(cooperatives):
    spanish = cooperatives["spanish"]
    tags = dict(ConceptTag.objects.filter(practice=spanish).values_list("concept", "weight"))
    assert tags["cooperative"] == 4  # in the title (counts four)
    # "cooperativas agrarias" names the narrower concept, "medio rural" rural development.
    assert tags["agricultural_cooperative"] == 1 and tags["rural_development"] == 1
    before = sorted(ConceptTag.objects.values_list("practice_id", "language", "concept", "weight"))
    ConceptTag.objects.all().delete()
    apps.get_app_config("practices").rebuild_derived_data()
    assert sorted(ConceptTag.objects.values_list("practice_id", "language", "concept", "weight")) == before
    ConceptTag.objects.all().delete()
    migration = importlib.import_module("secon.practices.migrations.0004_concept_tags")
    migration.tag_published_practices(apps, None)
    assert sorted(ConceptTag.objects.values_list("practice_id", "language", "concept", "weight")) == before


def test_search_with_concepts_runs_a_fixed_number_of_queries(
    client, publish, cooperatives, django_assert_max_num_queries
):
    for number in range(10):
        publish(texts={"title": {"es": f"Cooperativa número {number}", "en": f"Shop {number}"}})
    # The first search after a change also reads the facet values and the concept's tags (held in
    # memory until the library changes): one query each, whatever the number of results.
    with django_assert_max_num_queries(10):
        assert client.get(library_url(language="de"), {"q": "Genossenschaften Sierra"}).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(library_url(language="el"), {"q": "συνεταιρισμοί"}).status_code == 200


def test_the_practice_page_and_the_thesaurus_show_the_concepts(
    client, cooperatives, django_assert_max_num_queries
):
    spanish = cooperatives["spanish"]
    html = client.get(f"/de/{spanish.project.slug}/practices/{spanish.pk}/").content.decode()
    assert 'id="section-concepts"' in html and ">Genossenschaft</a>" in html
    with django_assert_max_num_queries(4):
        response = client.get("/de/practices/concepts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="concept-cooperative"' in html
    assert "szövetkezetek" in html and "συνεταιρισμοί" in html and "Ungarisch" in html
    assert "2 gute Praktiken" in html  # two published practices name cooperatives


def test_the_concepts_of_the_results_are_a_facet_and_filter_them(client, cooperatives):
    results = search_practices(query="women")
    concepts = {value.value: value.count for value in results.facets["concept"]}
    assert concepts["cooperative"] == 1 and concepts["gender_equality"] == 1
    filtered = search_practices(query="women", filters={"concept": "agricultural_cooperative"})
    assert ids(filtered) == {cooperatives["spanish"].pk}
    # The broader concept's filter includes the narrower one's practices; unknown ids are ignored.
    assert ids(search_practices(filters={"concept": "cooperative"})) == {
        cooperatives["spanish"].pk,
        cooperatives["english"].pk,
    }
    assert len(ids(search_practices(filters={"concept": "no-such-concept"}))) == 3
    html = client.get(library_url(language="de"), {"q": "women"}).content.decode()
    assert 'id="facet-concept"' in html and "?q=women&amp;concept=cooperative" in html


def test_text_and_concept_matches_are_ranked_together(publish):
    """A query naming a concept ranks the texts that contain its word and the practices tagged with
    the concept in another language in one order: the word in a title first, then in a text, and
    of the practices found through the concept only, more mentions first; the pages follow that order."""
    title = publish(texts={"title": {"en": "Microcredit for shepherds"}})
    text = publish(
        texts={
            "title": {"en": "Shepherd school"},
            "description": {"en": "Young shepherds trained, one microcredit."},
        }
    )
    mentions = publish(
        texts={
            "title": {"en": "Shepherd school in the hills", "de": "Schäferschule"},
            "description": {
                "en": "Young shepherds learn.",
                "de": "Ein Mikrokredit, ein zweiter Mikrokredit und ein dritter Mikrokredit.",
            },
        }
    )
    once = publish(
        texts={
            "title": {"en": "Rural school", "de": "Landschule"},
            "description": {"en": "Pupils learn.", "de": "Ein Mikrokredit."},
        }
    )
    publish(texts={"title": {"en": "Repair café"}, "description": {"en": "Volunteers mend things."}})
    results = search_practices(query="microcredit")
    order = [hit.practice.pk for hit in results.hits]
    assert sorted(order) == sorted([title.pk, text.pk, mentions.pk, once.pk])
    assert order[0] == title.pk
    assert order.index(text.pk) < order.index(once.pk)
    assert order.index(mentions.pk) < order.index(once.pk)
    paged = [
        search_practices(query="microcredit", per_page=1, page=n).hits[0].practice.pk for n in (1, 2, 3, 4)
    ]
    assert paged == order
    assert results.hits[order.index(mentions.pk)].concepts[0].id == "microcredit"
