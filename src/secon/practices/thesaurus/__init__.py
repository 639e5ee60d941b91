"""A multilingual thesaurus of the social economy's concepts, shipped as data (``*.toml`` here).

Each file holds the concepts of one theme; each concept names its terms in every content language
(the first term is its name in that language) and may name a broader concept. Terms are matched
case- and accent-insensitively, word by word, as written: the data give the inflected forms people
type (plural, common cases), because a stemmer would also join unrelated words ("cooperation" and
"cooperative" share the English stem "cooper").

* Practices are tagged with the concepts whose terms occur in their text, each text read with the
  terms of its own language (so a Spanish "red" never counts in an English text).
* A query's words are looked up in every language: "Genossenschaften" names the concept
  *cooperative*, whose practices are found in any language.

The thesaurus is read once per process (:func:`get_thesaurus`).
"""

import functools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from secon.core.text import fold

#: The languages every concept is written in: the content languages and Hungarian (typed by visitors
#: from Hungarian partner regions, though no practice is written in it yet).
LANGUAGES = ("en", "de", "es", "el", "nl", "ro", "hu", "pl", "pt", "lv", "bg", "fr")

_WORD = re.compile(r"\w+", re.UNICODE)


def term_key(text: str) -> str:
    """Return a term's (or some words') matching key: folded words split on non-letters."""
    return " ".join(part for word in _WORD.findall(fold(text)) for part in word.split("_") if part)


@dataclass(frozen=True)
class Concept:
    id: str
    theme: str
    terms: dict[str, tuple[str, ...]]
    broader: str = ""

    def label(self, language: str | None) -> str:
        """Return the concept's name in the language (English when it has none there)."""
        names = self.terms.get(language or "") or self.terms.get("en") or (self.id,)
        return names[0]


@dataclass(frozen=True)
class Match:
    concept: Concept
    start: int
    end: int


@dataclass
class Thesaurus:
    concepts: dict[str, Concept]
    themes: dict[str, list[str]]
    #: language → term key → concept ids (one, unless a broader and a narrower concept share it)
    by_language: dict[str, dict[str, tuple[str, ...]]]
    #: term key → concept ids, every language together (for queries)
    any_language: dict[str, tuple[str, ...]]
    max_words: int = 1
    _first_words: dict[str, frozenset] = field(default_factory=dict)

    def narrower(self, concept_id: str) -> list[Concept]:
        return [concept for concept in self.concepts.values() if concept.broader == concept_id]

    def find_in_words(self, words: list[str]) -> list[Match]:
        """Return the concepts named in a query's (folded) words, longest terms first, any language."""
        return self._scan(words, self.any_language, self._first_words.get("*", frozenset()))

    def find_in_text(self, text: str, language: str) -> Counter:
        """Count the concepts whose terms (in the text's language) occur in the text."""
        index = self.by_language.get(language, {})
        counts: Counter = Counter()
        for match in self._scan(term_key(text).split(), index, self._first_words.get(language, frozenset())):
            counts[match.concept.id] += 1
        return counts

    def _scan(self, words, index, first_words) -> list[Match]:
        found, position = [], 0
        while position < len(words):
            step = 1
            if words[position] in first_words:
                for size in range(min(self.max_words, len(words) - position), 0, -1):
                    ids = index.get(" ".join(words[position : position + size]))
                    if ids:
                        found += [Match(self.concepts[cid], position, position + size) for cid in ids]
                        step = size
                        break
            position += step
        return found


def _read() -> Thesaurus:
    concepts, themes = {}, {}
    folder = resources.files(__name__)
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not item.name.endswith(".toml"):
            continue
        theme = item.name.removesuffix(".toml")
        data = tomllib.loads(item.read_text(encoding="utf-8"))
        themes[theme] = []
        for concept_id, values in data.items():
            if concept_id in concepts:
                raise ValueError(f"concept {concept_id} defined twice")
            terms = {}
            for language in LANGUAGES:
                written = [term.strip() for term in values.get(language, "").split(";")]
                terms[language] = tuple(dict.fromkeys(term for term in written if term))
            concepts[concept_id] = Concept(
                id=concept_id, theme=theme, terms=terms, broader=values.get("broader", "")
            )
            themes[theme].append(concept_id)
    by_language: dict[str, dict[str, list[str]]] = {code: {} for code in LANGUAGES}
    any_language: dict[str, list[str]] = {}
    max_words = 1
    for concept in concepts.values():
        for language, terms in concept.terms.items():
            for term in terms:
                key = term_key(term)
                if not key:
                    continue
                max_words = max(max_words, key.count(" ") + 1)
                for index in (by_language[language], any_language):
                    ids = index.setdefault(key, [])
                    if concept.id not in ids:
                        ids.append(concept.id)
    thesaurus = Thesaurus(
        concepts=concepts,
        themes=themes,
        by_language={code: {k: tuple(v) for k, v in index.items()} for code, index in by_language.items()},
        any_language={k: tuple(v) for k, v in any_language.items()},
        max_words=max_words,
    )
    thesaurus._first_words.update(
        {code: frozenset(key.split(" ")[0] for key in index) for code, index in by_language.items()}
    )
    thesaurus._first_words["*"] = frozenset(key.split(" ")[0] for key in any_language)
    return thesaurus


@functools.cache
def get_thesaurus() -> Thesaurus:
    """Return the thesaurus, read from the package's data files once per process."""
    return _read()
