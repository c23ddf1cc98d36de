"""Phone numbers as Swedish editors write them, and the ``tel:`` links phones can dial."""

import re

# Digits with the separators people actually use: "040-34 92 92", "+46 (0)40 34 92 92", "112".
_WRITTEN = re.compile(r"\+?[0-9][0-9 \-–()/]*")
# A Swedish number without its trunk zero has 6–9 digits (08-12 34 56 to 070-123 45 67).
_NATIONAL_DIGITS = range(6, 10)
# E.164 allows at most 15 digits including the country code.
_INTERNATIONAL_DIGITS = range(7, 16)
# 112, 1177, 114 14, 116 111: short numbers are dialled as they are, never with +46.
_SHORT_DIGITS = range(3, 7)


def tel_href(number: str) -> str:
    """'040-34 92 92' -> 'tel:+4640349292'; ValueError if it is not a phone number."""
    text = number.strip()
    if not _WRITTEN.fullmatch(text):
        raise ValueError(f"not a phone number: {number!r}")
    # "+46 (0)40 ..." shows domestic callers the trunk zero; it is not dialled from abroad.
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.startswith("+") or digits.startswith("00"):
        digits = digits if text.startswith("+") else digits[2:]
        if digits.startswith("46"):
            national = digits[2:].removeprefix("0")
            if len(national) in _NATIONAL_DIGITS:
                return f"tel:+46{national}"
        elif len(digits) in _INTERNATIONAL_DIGITS:
            return f"tel:+{digits}"
    elif digits.startswith("0"):
        if len(digits) - 1 in _NATIONAL_DIGITS:
            return f"tel:+46{digits[1:]}"
    elif len(digits) in _SHORT_DIGITS:
        return f"tel:{digits}"
    raise ValueError(f"not a phone number: {number!r}")


def is_phone_number(number: str) -> bool:
    try:
        tel_href(number)
    except ValueError:
        return False
    return True
