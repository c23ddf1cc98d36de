"""'Menade du …?': corrections from the site's vocabulary (no database)."""

from kommunwebb.search.spelling import correct, correct_word

VOCABULARY = {"bibliotek": 4, "biblioteket": 9, "julmarknad": 1, "konsert": 2, "kort": 3}


def test_the_closest_word_wins_then_the_most_used():
    assert correct_word("biblotek", VOCABULARY) == "bibliotek"  # one edit, not two
    assert correct_word("bibliotekt", VOCABULARY) == "biblioteket"  # one edit each: more pages
    assert correct_word("julmarknd", VOCABULARY) == "julmarknad"
    assert correct_word("konsrt", VOCABULARY) == "konsert"


def test_two_neighbours_swapped_are_one_edit():
    assert correct_word("konsetr", VOCABULARY) == "konsert"


def test_short_words_numbers_and_far_words_are_not_corrected():
    assert correct_word("kor", VOCABULARY) is None  # under four letters
    assert correct_word("1234", VOCABULARY) is None
    assert correct_word("xylofon", VOCABULARY) is None


def test_known_words_are_left_alone_unless_a_far_more_common_word_is_one_edit_away():
    def known(word):
        return word in {"skolorna", "julmarknad", "konsrt"}

    vocabulary = {**VOCABULARY, "skolor": 40, "konsrt": 1, "konsert": 3}
    # Another form of the same word is never a correction.
    assert correct(["skolorna", "biblotek"], known, vocabulary) == ["skolorna", "bibliotek"]
    assert correct(["julmarknad"], known, vocabulary) is None
    # A typo in one page, the right word in three.
    assert correct(["konsrt"], known, vocabulary) == ["konsert"]
    assert correct(["konsrt"], known, {**vocabulary, "konsert": 2}) is None
