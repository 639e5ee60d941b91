"""Names as people type and read them: folded search keys and collation keys."""

from secon.core.text import fold, search_key, sort_key


def test_fold_removes_case_and_accents_in_every_script():
    assert fold("Álvarez") == fold("ALVAREZ") == "alvarez"
    assert fold("Straße") == "strasse"
    assert fold("Σπύρος") == fold("ΣΠΥΡΟΣ")
    assert fold("Łódź") != ""  # letters without a decomposition stay letters


def test_search_key_joins_the_parts_in_single_spaces():
    assert search_key("  José ", "", "Álvarez\tGarcía") == "jose alvarez garcia"


def test_sort_key_puts_accented_names_with_their_letter():
    names = ["Zapata", "Ώρα", "Ángel", "Bauer", "Álvarez", "Çelik", "Alves", "Öztürk", "Oz", "Nuñez", "Nunez"]
    assert sorted(names, key=sort_key) == [
        "Álvarez",
        "Alves",
        "Ángel",
        "Bauer",
        "Çelik",
        "Nunez",
        "Nuñez",
        "Oz",
        "Öztürk",
        "Zapata",
        "Ώρα",
    ]


def test_sort_key_compares_the_last_name_first_and_is_plain_hexadecimal():
    keys = [sort_key("Gómez", "Zoe"), sort_key("Gómez-Ruiz", "Ana"), sort_key("Gomez", "Ana")]
    assert sorted(keys) == [keys[2], keys[0], keys[1]]
    assert all(set(key) <= set("0123456789abcdef") for key in keys)
