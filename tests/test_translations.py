"""The interface catalogues for en, de, es and el are complete and match the source code."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

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


def test_catalogues_contain_every_string_of_the_source(tmp_path):
    """Extract the strings anew; each must already be in the committed catalogues."""
    if shutil.which("xgettext") is None:
        pytest.skip("gettext is not installed (apt-get install gettext); .ci/run installs it")
    copy = tmp_path / "secon"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    # A settings module of its own, so that makemessages can only write into the copy.
    (tmp_path / "extract_settings.py").write_text(
        "SECRET_KEY = 'extract'\nUSE_I18N = True\nINSTALLED_APPS = []\n"
        f"LOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "de", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "extract_settings",
            "PYTHONPATH": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    extracted = {message.id for message in catalogue("de", copy) if message.id}
    committed = {message.id for message in catalogue("de") if message.id}
    missing = extracted - committed
    assert not missing, (
        f"run `make messages`: {len(missing)} new strings, e.g. {sorted(missing, key=str)[:10]}"
    )
