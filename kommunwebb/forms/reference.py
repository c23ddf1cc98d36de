"""Reference numbers a person can read out on the phone: ``KW-2026-4F7Q9``.

Crockford's base-32 alphabet leaves out I, L, O and U, so nothing is mistaken for 1, 0 or
V when read aloud or typed from a receipt. Five characters give 33 million numbers a year;
the database's unique constraint catches the rare collision and a new number is drawn.
"""

import re
import secrets

PREFIX = "KW"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 5

_PATTERN = re.compile(rf"{PREFIX}-(\d{{4}})-([{ALPHABET}]{{{LENGTH}}})")
# What people type instead of the canonical characters.
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_reference(year: int) -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{PREFIX}-{year:04d}-{code}"


def normalise_reference(text: str) -> str | None:
    """'kw 2026 4f7q9', 'KW-2026-4F7O9' -> 'KW-2026-4F7Q9'-style canonical form, or None."""
    compact = re.sub(r"[\s\-–_.]", "", text.upper())
    if not compact.startswith(PREFIX) or len(compact) != len(PREFIX) + 4 + LENGTH:
        return None
    year = compact[len(PREFIX) : len(PREFIX) + 4]
    code = compact[len(PREFIX) + 4 :].translate(_LOOKALIKES)
    candidate = f"{PREFIX}-{year}-{code}"
    return candidate if _PATTERN.fullmatch(candidate) else None
