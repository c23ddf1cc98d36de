"""Personal data a visitor may type into a comment despite the note asking them not to:
e-mail addresses, phone numbers and Swedish personal identity numbers are replaced before
the comment is stored. Names cannot be told from other words and are left; the comments are
purged after six months.
"""

import re

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# 850101-1234, 19850101-1234, 198501011234, 850101+1234
PERSONAL_NUMBER = re.compile(r"(?<![\d-])(?:19|20)?\d{6}[-+ ]?\d{4}(?![\d-])")
# +46 70 123 45 67, 070-123 45 67, (08) 123 456 78, 0701234567: a leading + or 0 and at least
# seven digits in all, with spaces, hyphens, dots or brackets between them.
PHONE = re.compile(r"(?<![\w+])(?:\+|00|0|\()[\d\s().\-/]{5,}\d")


def _digits(text: str) -> int:
    return sum(character.isdigit() for character in text)


def _phone(match) -> str:
    return _("[telefonnummer borttaget]") if _digits(match.group()) >= 7 else match.group()


def mask_personal_data(text: str) -> str:
    """E-mail addresses, then phone numbers (a leading 0 or +: "0701234567" is read as a
    phone number, not as a personal number), then personal identity numbers."""
    text = EMAIL.sub(_("[e-postadress borttagen]"), text)
    text = PHONE.sub(_phone, text)
    return PERSONAL_NUMBER.sub(_("[personnummer borttaget]"), text)
