"""Every sentence with a count goes through ngettext (``{% blocktranslate count %}`` in templates):
"1 places left" is a bug in every language, and Greek, Polish … have other plural rules than English."""

import ast
import pathlib
import re

SOURCE = pathlib.Path(__file__).resolve().parent.parent / "src" / "secon"
SINGULAR_ONLY = {"gettext", "gettext_lazy", "_", "gettext_noop", "pgettext", "pgettext_lazy", "_lazy"}
#: Placeholders that hold a count (a number of things), not an ordinal or an identifier.
COUNT = re.compile(r"%\((count|counter|total|n|length|people)\)")


def _calls_without_plural():
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in SINGULAR_ONLY or not node.args:
                continue
            text = node.args[-1] if name.startswith("pgettext") else node.args[0]
            if isinstance(text, ast.Constant) and isinstance(text.value, str) and COUNT.search(text.value):
                yield f"{path.relative_to(SOURCE)}:{node.lineno}: {text.value[:70]}"


def test_python_counts_use_ngettext():
    assert list(_calls_without_plural()) == []


#: Counts whose sentence has the same form for one and many in every language we write.
SAME_FOR_ONE_AND_MANY = {"Page {{ number }} of {{ count }}"}
#: Counts whose sentence has the same form for one and many in every language we write.
SAME_FOR_ONE_AND_MANY = {"Page {{ number }} of {{ count }}"}
BLOCK = re.compile(r"{%\s*blocktrans(?:late)?\b([^%]*)%}(.*?){%\s*endblocktrans(?:late)?\s*%}", re.S)


def test_template_counts_use_blocktranslate_count():
    found = []
    for path in list(SOURCE.rglob("*.html")) + list(SOURCE.rglob("*.txt")):
        for match in BLOCK.finditer(path.read_text()):
            arguments, body = match.groups()
            if body in SAME_FOR_ONE_AND_MANY or " count " in f" {arguments} ":
                continue
            if re.search(r"{{\s*(count|counter|total|people)\s*}}", body):
                found.append(f"{path.relative_to(SOURCE)}: {body[:70]}")
    assert found == []
