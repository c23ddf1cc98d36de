"""The A–Ö index: names sorted and grouped the way a Swedish reader looks them up.

Swedish puts Å, Ä and Ö after Z, as letters of their own, while accents on other letters do
not count (é is an e, ü is a y: "Müller" sorts as "Myller"). Python's own string order puts
Ä before Å and every accented letter after Z, so it cannot be used. No database and no ICU
here: the rules are small enough to test directly.
"""

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"
# Letters Swedish treats as a variant of another: compared, and filed, as that letter.
_VARIANTS = {"Ü": "Y", "Æ": "Ä", "Ø": "Ö"}
_POSITION = {letter: index for index, letter in enumerate(ALPHABET)}


def _base_letter(char: str) -> str:
    """The letter ``char`` is filed under: Å, Ä and Ö stay themselves, é becomes E."""
    upper = char.upper()
    if upper in _POSITION:
        return upper
    if upper in _VARIANTS:
        return _VARIANTS[upper]
    decomposed = unicodedata.normalize("NFD", upper)
    return decomposed[0] if decomposed and decomposed[0] in _POSITION else upper


def sort_key(text: str) -> tuple:
    """Compare by letter in Swedish order, then by the exact text so the order is total.
    Digits and other characters come before the letters, as in a printed index."""
    letters = []
    for char in text.strip():
        base = _base_letter(char)
        if base in _POSITION:
            letters.append((1, _POSITION[base]))
        elif char.isspace():
            letters.append((0, " "))
        else:
            letters.append((0, base))
    return (tuple(letters), text)


def initial(text: str) -> str:
    """The index letter a name is filed under; "#" for a name that starts with a digit or a
    sign."""
    for char in text.strip():
        base = _base_letter(char)
        return base if base in _POSITION else "#"
    return "#"


@dataclass
class Letter:
    letter: str
    entries: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        # Å, Ä and Ö are fine in a fragment, but an ASCII id survives every copy and paste.
        return "bokstav-" + {"Å": "aa", "Ä": "ae", "Ö": "oe", "#": "0"}.get(
            self.letter, self.letter.lower()
        )


def group(items: Iterable[T], name: Callable[[T], str]) -> list[Letter]:
    """Every letter of the alphabet in order, each with its items sorted by name; a "#"
    group first if any name starts with something else than a letter."""
    letters = {letter: Letter(letter) for letter in ALPHABET}
    other = Letter("#")
    for item in sorted(items, key=lambda item: sort_key(name(item))):
        letters.get(initial(name(item)), other).entries.append(item)
    return ([other] if other.entries else []) + list(letters.values())
