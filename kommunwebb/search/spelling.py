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


def correct_word(word: str, vocabulary: dict[str, int]) -> str | None:
    """The site's word closest to ``word``, or None if none is close enough."""
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
    for candidate, distance, _index in candidates:
        if candidate == word or len(candidate) < MIN_LENGTH:
            continue
        key = (distance, -vocabulary[candidate], candidate)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def correct(words: list[str], known, vocabulary: dict[str, int]) -> list[str] | None:
    """The query with each unknown word corrected, or None when nothing changed.

    ``known(word)`` says whether the index can find a word as it is (through its stem or
    its compound parts); such words are left alone, even when a similar word is more
    common, so "skolorna" is never "corrected"."""
    out, changed = [], False
    for word in words:
        replacement = None if known(word) else correct_word(word, vocabulary)
        if replacement is not None:
            out.append(replacement)
            changed = True
        else:
            out.append(word)
    return out if changed else None
