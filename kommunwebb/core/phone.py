"""Phone numbers as Swedish editors write them, and the ``tel:`` links phones can dial."""

import re
from html.parser import HTMLParser

# Digits with the separators people actually use: "040-34 92 92", "+46 (0)40 34 92 92", "112".
# Editors keep a number on one line with no-break spaces (U+00A0, U+202F).
_WRITTEN = re.compile(r"\+?[0-9][0-9 \u00a0\u202f\-–()/]*")
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
# in all), and the short numbers residents are told to call. Dates ("2026-11-30"), hours
# ("8–16", "08.00"), postcodes ("299 99") and amounts ("112 kronor") are none of them.
_SPACE = "[ \u00a0\u202f]"
_IN_TEXT = re.compile(
    r"(?<![\w+\-–/.,])"
    rf"(?:(?:\+46{_SPACE}?(?:\(0\){_SPACE}?)?|0)[0-9][0-9 \u00a0\u202f\-–()]{{5,16}}[0-9]"
    rf"|112|1177|114{_SPACE}?14|113{_SPACE}?13|116{_SPACE}?111|116{_SPACE}?006|116{_SPACE}?000"
    rf"|90{_SPACE}?101)"
    r"(?![\w\-–/]|[.,:]\d)"
    # A short number followed by a unit is a quantity: "112 kronor", "1177 st", "112 %".
    rf"(?!{_SPACE}?(?:%|kr\b|kronor|st\b|stycken|år\b|m\b|km\b|kg\b|meter|dagar|personer))"
)


def _linked(text: str) -> list[str]:
    """``text`` (plain, not yet escaped) as escaped HTML pieces with ``tel:`` links."""
    from django.utils.html import escape, format_html

    parts, last, position = [], 0, 0
    while match := _IN_TEXT.search(text, position):
        written, href = _dialable(match.group(0))
        if href is None:
            position = match.end()
            continue
        end = match.start() + len(written)
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<a class="tel" href="{}">{}</a>', href, written))
        last = position = end
    parts.append(escape(text[last:]))
    return parts


def _dialable(candidate: str) -> tuple[str, str | None]:
    """The longest start of ``candidate`` that is a phone number, whole groups only, and its
    ``tel:`` link: "040-628 04 10 8–16" (a number, then hours) is "040-628 04 10"."""
    while True:
        try:
            return candidate, tel_href(candidate)
        except ValueError:
            cut = max(candidate.rfind(space) for space in " \u00a0\u202f")
            if cut <= 0:
                return candidate, None
            candidate = candidate[:cut].rstrip(" \u00a0\u202f-–(")


def link_phone_numbers(text: str) -> str:
    """``text`` escaped for HTML, with each phone number in it a ``tel:`` link a phone dials."""
    from django.utils.safestring import mark_safe

    return mark_safe("".join(_linked(text)))  # noqa: S308 - every piece is escaped


class _RichTextLinker(HTMLParser):
    """Copies HTML as it is, except that phone numbers in text outside links become links.
    Tags are copied from the source verbatim; only text is rewritten (escaped again)."""

    # Text inside these is not for dialling: a link already, or not prose.
    SKIPPED = frozenset({"a", "script", "style", "code", "pre", "textarea", "title"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        from django.utils.html import escape

        self.out.extend([escape(data)] if self.skipping else _linked(data))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def link_phone_numbers_in_html(html: str) -> str:
    """Rich text (HTML an editor wrote, already made safe by Wagtail) with the phone numbers
    in its text as ``tel:`` links; numbers that are already inside a link are left alone."""
    from django.utils.safestring import mark_safe

    if not any(char.isdigit() for char in html):
        return mark_safe(html)  # noqa: S308 - the caller's safe HTML, unchanged
    parser = _RichTextLinker()
    parser.feed(str(html))
    parser.close()
    return mark_safe("".join(parser.out))  # noqa: S308 - tags verbatim, text escaped
