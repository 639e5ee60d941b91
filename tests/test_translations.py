"""The interface catalogues for en, de, es and el are complete and match the source code."""

import io
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_python
from babel.messages.pofile import read_po

from django.utils.translation.template import templatize

import secon

SOURCE = Path(secon.__file__).parent
LANGUAGES = ["de", "es", "el"]


def catalogue(language: str, root: Path = SOURCE):
    with (root / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{language}: {len(problems)} problems\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|%[sd]")
    wrong = []
    for message in catalogue(language):
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(set(pattern.findall(ids[-1])))
        for text in strings:
            if text and sorted(set(pattern.findall(text))) != expected:
                wrong.append(f"{message.id!r} → {text!r}")
    assert not wrong, "\n".join(wrong[:40])


#: The gettext functions of the source, as Babel describes their arguments (context marked "c").
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def source_messages(root: Path = SOURCE) -> set[tuple[str | None, str]]:
    """Extract ``(context, msgid)`` from the Python code and templates as makemessages does.

    Templates go through Django's own ``templatize`` (what makemessages feeds to xgettext) and the
    result through Babel's Python extractor, so the check needs no gettext install.
    """
    found = set()
    for path in sorted(root.rglob("*")):
        if path.suffix not in {".py", ".html", ".txt"} or {"migrations", "locale"} & set(path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".py":
            # templatize keeps the template's indentation, which the tokenizer would reject.
            text = "\n".join(line.lstrip() for line in templatize(text, origin=str(path)).splitlines())
        for _line, function, messages, _comments in extract_python(
            io.BytesIO(text.encode()), list(KEYWORDS), [], {}
        ):
            messages = messages if isinstance(messages, tuple | list) else (messages,)
            spec = KEYWORDS[function]
            context, msgid = (
                (messages[0], messages[1]) if spec and isinstance(spec[0], tuple) else (None, messages[0])
            )
            if msgid:
                found.add((context, msgid))
    return found


def test_catalogues_contain_every_string_of_the_source():
    """Extract the strings anew; each must already be in the committed catalogues."""
    extracted = source_messages()
    assert len(extracted) > 500  # the extractor found the source's strings at all
    committed = {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalogue("de")
        if message.id
    }
    missing = extracted - committed
    assert not missing, (
        f"run `make messages`: {len(missing)} new strings, e.g. {sorted(missing, key=str)[:10]}"
    )
