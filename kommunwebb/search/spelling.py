"""'Menade du …?': corrections of misspelt query words from the site's own vocabulary.

A word of the query that the index does not know ("biblotek") is replaced by the site's
word closest to it: the fewest edits (an inserted, dropped or changed letter, or two
neighbours swapped: the optimal string alignment distance), then the word more pages use.
Short words get one edit, longer ones two. Only the site's words are offered, so a
correction always leads somewhere; no word list of the language is needed for this.
RapidFuzz computes the distances (C++; 50,000 words in a few milliseconds).
"""

from rapidfuzz import process
from rapidfuzz.distance import OSA

# Words shorter than this are not corrected: too many short words are one edit apart.
MIN_LENGTH = 4


def max_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2


# A word the index knows is only corrected towards a word this many times as common
# (a typo that made it into a page: "konsrt" in one title, "konsert" in many).
KNOWN_WORD_FACTOR = 3


def correct_word(
    word: str, vocabulary: dict[str, int], *, min_pages: int = 1, other_words: bool = False
) -> str | None:
    """The site's word closest to ``word`` used by at least ``min_pages`` pages, or None
    if none is close enough. With ``other_words``, another form of the same word (the
    same stem) is not a correction."""
    from kommunwebb.search.text import stem

    if len(word) < MIN_LENGTH or word.isdigit():
        return None
    limit = max_edits(word)
    candidates = process.extract(
        word,
        vocabulary.keys(),
        scorer=OSA.distance,
        score_cutoff=limit,
        limit=25,
    )
    best = None
    own_stem = stem(word)
    for candidate, distance, _index in candidates:
        if candidate == word or len(candidate) < MIN_LENGTH or vocabulary[candidate] < min_pages:
            continue
        if other_words and stem(candidate) == own_stem:
            continue
        key = (distance, -vocabulary[candidate], candidate)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def correct(words: list[str], known, vocabulary: dict[str, int]) -> list[str] | None:
    """The query with each unknown word corrected, or None when nothing changed.

    ``known(word)`` says whether the index can find a word as it is (through its stem or
    its compound parts); such a word is only corrected towards a word
    ``KNOWN_WORD_FACTOR`` times as common, and never into another form of itself, so
    "skolorna" stays but a typo in one title does not hide the word many pages use."""
    out, changed = [], False
    for word in words:
        if known(word):
            rarity = KNOWN_WORD_FACTOR * max(1, vocabulary.get(word, 0))
            replacement = correct_word(word, vocabulary, min_pages=rarity, other_words=True)
        else:
            replacement = correct_word(word, vocabulary)
        if replacement is not None:
            out.append(replacement)
            changed = True
        else:
            out.append(word)
    return out if changed else None
