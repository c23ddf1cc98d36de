"""The A–Ö index sorts and files names the way a Swedish reader looks them up."""

from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.services import alphabet


def ordered(*names):
    return sorted(names, key=alphabet.sort_key)


def test_a_ring_a_umlaut_and_o_umlaut_come_after_z_in_that_order():
    assert ordered("Öppettider", "Ärenden", "Zon", "Återvinning", "Avfall") == [
        "Avfall",
        "Zon",
        "Återvinning",
        "Ärenden",
        "Öppettider",
    ]


def test_accents_on_other_letters_do_not_make_a_letter_of_their_own():
    assert ordered("Exempel", "Énergi", "Ekonomi") == ["Ekonomi", "Énergi", "Exempel"]
    assert alphabet.initial("Éva") == "E"
    # Swedish files ü as y: "Müller" between "Mygel" and "Mynt".
    assert ordered("Mynt", "Müller", "Mygel") == ["Mygel", "Müller", "Mynt"]


def test_case_does_not_matter():
    assert ordered("bygglov", "Avfall", "Cykel") == ["Avfall", "bygglov", "Cykel"]
    assert alphabet.initial("ärende") == "Ä"


def test_a_shorter_word_comes_before_the_longer_one_it_begins():
    assert ordered("Skolskjuts", "Skol", "Skola") == ["Skol", "Skola", "Skolskjuts"]


def test_names_that_do_not_start_with_a_letter_are_filed_first_under_hash():
    letters = alphabet.group(["112 – nödnummer", "Avfall"], str)
    assert letters[0].letter == "#"
    assert letters[0].entries == ["112 – nödnummer"]
    assert alphabet.initial("  Bygglov") == "B"
    assert alphabet.initial("") == "#"


def test_group_lists_every_letter_once_in_order_with_sorted_entries():
    letters = alphabet.group(["Öppen förskola", "Bygglov", "Bostadsanpassning", "Avfall"], str)
    assert "".join(letter.letter for letter in letters) == alphabet.ALPHABET
    by_letter = {letter.letter: letter.entries for letter in letters}
    assert by_letter["B"] == ["Bostadsanpassning", "Bygglov"]
    assert by_letter["Ö"] == ["Öppen förskola"]
    assert by_letter["C"] == []


def test_anchors_are_ascii_and_distinct():
    anchors = [letter.anchor for letter in alphabet.group([], str)]
    assert len(set(anchors)) == len(anchors)
    assert all(anchor.isascii() for anchor in anchors)
    assert alphabet.Letter("Ä").anchor == "bokstav-ae"


@given(st.lists(st.text(alphabet="abcåäöéüxyzABCÅÄÖ 1-", max_size=12), max_size=20))
def test_every_name_is_filed_once_under_its_own_initial(names):
    letters = alphabet.group(names, str)
    filed = [entry for letter in letters for entry in letter.entries]
    assert sorted(filed) == sorted(names)
    for letter in letters:
        for entry in letter.entries:
            assert alphabet.initial(entry) == letter.letter
        keys = [alphabet.sort_key(entry) for entry in letter.entries]
        assert keys == sorted(keys)
