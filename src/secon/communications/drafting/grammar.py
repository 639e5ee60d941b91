"""Grammar for the press-release templates: lists, date ranges, numbers and names in their cases.

What differs between languages lives in the language files (``languages/<code>.toml``): the word
for "and", the date patterns, number words, the articles of each gender and case, and the
contractions ("von dem" → "vom", "de el" → "del"). This module only applies them, so adding a
language is adding a file.
"""

import datetime
import re
from dataclasses import dataclass

from babel.dates import get_month_names


@dataclass(frozen=True)
class Name:
    """A name with its grammatical gender and the forms a language file or a NameForm gave it."""

    text: str
    gender: str = ""
    forms: tuple[tuple[str, str], ...] = ()

    def form(self, case: str) -> str | None:
        return dict(self.forms).get(case)


def join(items: list[str], rules: dict) -> str:
    """Join ``["a", "b", "c"]`` as "a, b und c" (the language's word and its serial comma)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    last_separator = rules.get("list_last", " and ")
    return rules.get("list_separator", ", ").join(items[:-1]) + last_separator + items[-1]


def number(value: int, rules: dict, *, gender: str = "") -> str:
    """Write small numbers as words ("neun Länder"), larger ones in digits."""
    words = rules.get("numbers", {})
    gendered = rules.get(f"numbers_{gender}", {}) if gender else {}
    key = str(value)
    return gendered.get(key) or words.get(key) or f"{value:,}".replace(",", rules.get("thousands", ","))


def counted(count: int, forms: dict, rules: dict) -> str:
    """Return "einer Partnerorganisation" or "neun Ländern": the phrase for one or for several."""
    if count == 1:
        return forms["one"]
    return forms["other"].format(n=number(count, rules), n_gen=number(count, rules, gender="gen"))


def _month(date: datetime.date, rules: dict) -> str:
    context = rules.get("month_context", "format")
    return get_month_names("wide", context=context, locale=rules["locale"])[date.month]


def date_range(start: datetime.date, end: datetime.date, rules: dict, *, pattern: str = "dates") -> str:
    """Write the days of an event as the language does: "22. bis 25. Oktober 2024", "del 22 al 25 …".

    ``rules[pattern]`` holds four patterns: ``one_day``, ``same_month``, ``same_year`` and
    ``other_year``, filled with ``d1 d2 m1 m2 y1 y2``.
    """
    patterns = rules[pattern]
    values = {
        "d1": start.day,
        "d2": end.day,
        "m1": _month(start, rules),
        "m2": _month(end, rules),
        "y1": start.year,
        "y2": end.year,
    }
    if start == end:
        key = "one_day"
    elif (start.year, start.month) == (end.year, end.month):
        key = "same_month"
    elif start.year == end.year:
        key = "same_year"
    else:
        key = "other_year"
    return patterns[key].format(**values)


def _article_of(text: str, rules: dict) -> tuple[str, str] | None:
    """Return (gender, rest) when ``text`` starts with a nominative article of the language."""
    for gender, article in rules.get("articles", {}).get("nom", {}).items():
        if article and text.startswith(article + " "):
            return gender, text[len(article) + 1 :]
    return None


def inflect(name: Name, case: str, rules: dict) -> str:
    """Return the name in a case ("nom", "gen", "dat", "acc"), with its article.

    A form the name brings is used as is; otherwise the nominative's article is swapped for the
    case's article of the name's gender (the noun itself is left as it is). A name without
    article (REMUDARTE, AGENEX) stays bare.
    """
    given = name.form(case)
    if given:
        return given
    nominative = name.form("nom") or name.text
    if case not in rules.get("articles", {}):
        return nominative
    found = _article_of(nominative, rules)
    if found is None:
        gender, rest = name.gender, nominative
        if not gender:
            return nominative
    else:
        gender, rest = found
    article = rules.get("articles", {}).get(case, {}).get(gender, "")
    return f"{article} {rest}" if article else rest


def with_preposition(preposition: str, name: Name, rules: dict) -> str:
    """Return "von der Universität …" / "del Centro …": the preposition's case, then contractions."""
    case = rules.get("preposition_cases", {}).get(preposition, "nom")
    phrase = f"{preposition} {inflect(name, case, rules)}"
    for long, short in rules.get("contractions", {}).items():
        if phrase.startswith(long + " "):
            return short + phrase[len(long) :]
    return phrase


def capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_SLOT = re.compile(r"\{(\w+)(?::([\w ]+))?\}")


_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")


def _render(value, modifier: str | None, rules: dict) -> str:
    if isinstance(value, list | tuple):
        return join([_render(item, modifier, rules) for item in value], rules)
    if not isinstance(value, Name):
        return str(value)
    if not modifier:
        return inflect(value, "nom", rules)
    if modifier == "of":
        # "der Universität Extremadura" (genitive) but "von AGENEX" (a bare name); "de la …" in Spanish.
        if rules.get("of_preposition"):
            return with_preposition(rules["of_preposition"], value, rules)
        if value.gender or value.form("gen") or _article_of(value.form("nom") or value.text, rules):
            return inflect(value, "gen", rules)
        return rules.get("of_bare", "{name}").format(name=value.text)
    if modifier in rules.get("preposition_cases", {}):
        return with_preposition(modifier, value, rules)
    return inflect(value, modifier, rules)


def _present(value) -> bool:
    return value not in (None, "", [], ())


def fill(template: str, values: dict, rules: dict, *, capitalise: bool = True) -> str:
    """Fill a sentence template of a language file.

    ``{slot}`` is the slot's value; ``{slot:dat}`` a name in a case; ``{slot:zu}`` with a
    preposition (and its contraction); ``{slot:of}`` "of" the name; a list is joined with the
    language's "and", each item inflected. ``[…]`` is left out when a slot inside it is empty.
    The first letter is capitalised. A slot missing from ``values`` raises ``KeyError``.
    """

    def optional(match: re.Match) -> str:
        inner = match.group(1)
        slots = [found.group(1) for found in _SLOT.finditer(inner)]
        return inner if all(_present(values.get(slot)) for slot in slots) else ""

    text = _OPTIONAL.sub(optional, template)

    def replace(match: re.Match) -> str:
        rendered = _render(values[match.group(1)], match.group(2), rules)
        before = match.string[: match.start()].rstrip(" ")
        # A slot that starts a sentence ("… Oktober. {attendees} tauschten …") starts with a capital.
        return capitalise_first(rendered) if before.endswith((".", "!", "?")) else rendered

    text = _SLOT.sub(replace, text)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    return capitalise_first(text) if capitalise else text
