"""Compare two versions of the minutes word by word (pure functions, no database).

The pages show each changed section and language as a run of pieces: unchanged text, text
removed (``<del>``) and text added (``<ins>``).
"""

import difflib
import re

WORDS = re.compile(r"\s+|[^\s]+")


def _pieces(before: str, after: str) -> list[tuple[str, str]]:
    old, new = WORDS.findall(before), WORDS.findall(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    pieces: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(old[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", "".join(old[a1:a2])))
        if b2 > b1:
            pieces.append(("added", "".join(new[b1:b2])))
    return pieces


def compare_sections(before: list[dict], after: list[dict]) -> list[dict]:
    """Return the sections that differ: ``{"number", "title", "language", "pieces", "status"}`` each.

    ``status`` is "changed", "added" (a section only in ``after``) or "removed".
    """
    old = {section["key"]: section for section in before}
    new = {section["key"]: section for section in after}
    keys = [section["key"] for section in after] + [k for k in old if k not in new]
    changes = []
    for key in keys:
        a, b = old.get(key), new.get(key)
        status = "changed" if a and b else ("added" if b else "removed")
        shown = b or a
        a_text, b_text = (a or {}).get("text", {}), (b or {}).get("text", {})
        for language in sorted(set(a_text) | set(b_text)):
            first, second = a_text.get(language, ""), b_text.get(language, "")
            if first == second:
                continue
            title = shown["title"].get(language) or next(iter(shown["title"].values()), "")
            changes.append(
                {
                    "key": key,
                    "number": shown.get("number", ""),
                    "title": title,
                    "language": language,
                    "status": status,
                    "pieces": _pieces(first, second),
                }
            )
    return changes
