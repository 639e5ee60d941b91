"""Names the way people type and read them: a search key for matching, a collation key for sorting.

* :func:`fold` — case-folded, accents removed (NFKD, combining marks dropped): "Álvarez" → "alvarez",
  "Straße" → "strasse", "Σπύρος" → "σπυροσ". A record keeps the folded text of its names in a
  ``search_key`` column, so "alvarez", "ALVAREZ" and "Álvarez" find the same person with a plain
  ``contains`` on SQLite and PostgreSQL alike (no ``unaccent`` needed, and an index is possible).
* :func:`sort_key` — the name's key under the Unicode Collation Algorithm (the DUCET root collation,
  computed by the pure-Python ``pyuca``), written as hexadecimal digits, so that ordering the
  ``sort_key`` column gives "Álvarez, Alves, Ángel, Bauer, Çelik, Zapata, Ώρα" on both databases
  (a string of hexadecimal digits sorts the same under every collation a database may use).

Both are computed by the services that write the names; ``rebuild_derived_data`` of the app
recomputes them after a restore.
"""

import functools
import re
import unicodedata

#: Longest key stored (characters): 4 hex digits per weight, the base letters (primary level) then
#: the accents (secondary level) of each part; case (the tertiary level) is left out.
SORT_KEY_CHARS = 600
SEARCH_KEY_CHARS = 500

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case the text and remove accents ("Inserción" → "insercion")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_key(*parts: str) -> str:
    """Return the folded text of the parts, one space between words, to match against."""
    text = " ".join(part for part in parts if part)
    return _SPACES.sub(" ", fold(text)).strip()[:SEARCH_KEY_CHARS]


@functools.cache
def _collator():
    from pyuca import Collator

    return Collator()


@functools.lru_cache(maxsize=20_000)
def _part_key(text: str) -> str:
    weights = _collator().sort_key(unicodedata.normalize("NFC", text.strip()))
    # pyuca gives the primary weights, 0, the secondary weights, 0, the tertiary weights.
    first_zero = weights.index(0) if 0 in weights else len(weights)
    second_zero = weights.index(0, first_zero + 1) if 0 in weights[first_zero + 1 :] else len(weights)
    return "".join(f"{weight:04x}" for weight in weights[:second_zero])


def sort_key(*parts: str) -> str:
    """Return the collation key of the parts, compared part by part (last name, then first name).

    Parts are joined by a zero weight, which sorts before every letter ("Gómez" before "Gómez-Ruiz").
    """
    return "0000".join(_part_key(part) for part in parts)[:SORT_KEY_CHARS]
