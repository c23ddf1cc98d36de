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


# Numbers in running text: national ones from their trunk zero or +46 (at least eight digits
# in all), and the short numbers residents are told to call. Dates ("2026-11-30") and hours
# ("8–16") are neither.
_IN_TEXT = re.compile(
    r"(?<![\w+\-–/.])"
    r"(?:(?:\+46 ?(?:\(0\) ?)?|0)[0-9][0-9 \-–()]{5,16}[0-9]"
    r"|112|1177|114 ?14|113 ?13|116 ?111|116 ?006|116 ?000|90 ?101)"
    r"(?![\w\-–/])"
)


def link_phone_numbers(text: str) -> str:
    """``text`` escaped for HTML, with each phone number in it a ``tel:`` link a phone dials."""
    from django.utils.html import escape, format_html
    from django.utils.safestring import mark_safe

    parts, last = [], 0
    for match in _IN_TEXT.finditer(text):
        written = match.group(0)
        try:
            href = tel_href(written)
        except ValueError:
            continue
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<a class="tel" href="{}">{}</a>', href, written))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
