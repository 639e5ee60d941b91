"""The thesaurus' data: complete in every language, unambiguous, and read once."""

import importlib

import pytest

from secon.practices.thesaurus import LANGUAGES, get_thesaurus, term_key

pytestmark = pytest.mark.django_db(databases=[])


def _related(thesaurus, first: str, second: str) -> bool:
    def chain(concept_id):
        found = set()
        while concept_id:
            found.add(concept_id)
            concept_id = thesaurus.concepts[concept_id].broader
        return found

    return first in chain(second) or second in chain(first)


def test_at_least_150_concepts_each_named_in_every_language():
    thesaurus = get_thesaurus()
    assert len(thesaurus.concepts) >= 150
    assert set(LANGUAGES) == {"en", "de", "es", "el", "nl", "ro", "hu", "pl", "pt", "lv", "bg", "fr"}
    for concept in thesaurus.concepts.values():
        for language in LANGUAGES:
            assert concept.terms[language], f"{concept.id} has no {language} term"
            assert all(term_key(term) for term in concept.terms[language]), concept.id
        assert not concept.broader or concept.broader in thesaurus.concepts, concept.id


def test_no_term_names_two_unrelated_concepts():
    thesaurus = get_thesaurus()
    for key, ids in thesaurus.any_language.items():
        for first in ids:
            for second in ids:
                assert first == second or _related(thesaurus, first, second), (key, ids)


def test_broader_concepts_form_no_cycle_and_themes_cover_every_concept():
    thesaurus = get_thesaurus()
    for concept in thesaurus.concepts.values():
        seen, current = set(), concept.id
        while current:
            assert current not in seen, f"cycle at {concept.id}"
            seen.add(current)
            current = thesaurus.concepts[current].broader
    assert sorted(cid for ids in thesaurus.themes.values() for cid in ids) == sorted(thesaurus.concepts)


@pytest.mark.parametrize(
    "typed",
    [
        "Genossenschaft",
        "Genossenschaften",
        "cooperativa",
        "cooperativas",
        "συνεταιρισμός",
        "συνεταιρισμοί",
        "spółdzielnie",
        "szövetkezetek",
        "кооперации",
        "coöperaties",
        "kooperatīvi",
        "coopératives",
        "cooperatives",
    ],
)
def test_the_forms_people_type_name_the_concept(typed):
    matches = get_thesaurus().find_in_words(term_key(typed).split())
    assert [match.concept.id for match in matches] == ["cooperative"]


def test_longest_terms_win_and_texts_are_read_in_their_own_language():
    thesaurus = get_thesaurus()
    words = term_key("Una empresa de inserción y una cooperativa social").split()
    assert [m.concept.id for m in thesaurus.find_in_words(words)] == ["wise", "social_cooperative"]
    # "red de entidades" is Spanish for a network, "red" alone is English.
    assert thesaurus.find_in_text("A red bus and a network", "en") == {"network": 1}
    assert thesaurus.find_in_text("Una red de entidades y dos cooperativas, una cooperativa", "es") == {
        "network": 1,
        "cooperative": 2,
    }


def test_the_data_are_read_once_per_process():
    assert get_thesaurus() is get_thesaurus()
    module = importlib.import_module("secon.practices.thesaurus")
    assert module.get_thesaurus.cache_info().hits >= 1
