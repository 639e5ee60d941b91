from secon.governance.diffing import compare_sections


def section(key, text, number="1"):
    return {"key": key, "number": number, "title": {"en": key.title()}, "text": text}


def test_changed_words_are_marked_removed_and_added():
    before = [section("a", {"en": "The committee approves the plan.", "es": "Igual."})]
    after = [section("a", {"en": "The committee adopts the plan.", "es": "Igual."})]
    [change] = compare_sections(before, after)
    assert change["language"] == "en" and change["status"] == "changed"
    assert [p for p in change["pieces"] if p[0] != "same"] == [("removed", "approves"), ("added", "adopts")]
    assert (
        "".join(text for kind, text in change["pieces"] if kind != "removed")
        == "The committee adopts the plan."
    )


def test_added_and_removed_sections_and_languages():
    before = [section("a", {"en": "Old"})]
    after = [section("b", {"en": "New"}, "2"), section("a", {"en": "Old", "de": "Alt"})]
    changes = compare_sections(before, after)
    assert [(c["key"], c["language"], c["status"]) for c in changes] == [
        ("b", "en", "added"),
        ("a", "de", "changed"),
    ]
    assert compare_sections(after, after) == []
