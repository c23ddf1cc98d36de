"""Page addresses residents can read aloud and type: ASCII slugs (issue 11, part 11).

Wagtail makes slugs from titles on the server and in the admin's JavaScript. With
``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` (settings) both produce ASCII from a title, but
Wagtail's JavaScript drops a letter it cannot write in ASCII when an editor types the slug
by hand ("Åtgärder" becomes "tgrder"), and the page model accepts any Unicode slug given in
code. Here every path ends in :func:`ascii_slug`: the admin's slug widget replaces the
letters first (``SLUG_FORMATTERS``, Wagtail's own ``formatters`` option), the admin's form
field transliterates what reaches the server (no JavaScript needed), and a page saved from
code with a Unicode slug is given the ASCII one before it is written (``apps.py``).
"""

import unicodedata

from django import forms
from django.utils.text import slugify
from wagtail.admin.widgets.slug import SlugInput

# Letters that Unicode does not decompose into a base letter and an accent.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "œ": "oe"})


def ascii_slug(text: str) -> str:
    """``"Miljö och hälsa"`` → ``"miljo-och-halsa"``: å, ä → a; ö → o; é → e."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    return slugify(decomposed.encode("ascii", "ignore").decode("ascii"))


def _letters(base: str, accented: str) -> list[tuple[str, str]]:
    return [(f"[{accented}]", base), (f"[{accented.upper()}]", base.upper())]


# (regular expression, replacement) pairs that Wagtail's slug controller applies before its
# own slugify, which keeps only A–Z, 0–9, "-" and "_".
SLUG_FORMATTERS = [
    *_letters("a", "åäàáâãāą"),
    *_letters("o", "öòóôõōø"),
    *_letters("e", "éèêëēę"),
    *_letters("u", "üùúûū"),
    *_letters("i", "ïìíîī"),
    *_letters("c", "çčć"),
    *_letters("n", "ñńň"),
    *_letters("s", "šś"),
    *_letters("z", "žźż"),
    *_letters("y", "ýÿ"),
    ("[æ]", "ae"),
    ("[Æ]", "AE"),
    ("[ß]", "ss"),
]


class AsciiSlugInput(SlugInput):
    """Wagtail's slug widget, with the replacements above run as the editor types."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or SLUG_FORMATTERS, locale=locale)


class AsciiSlugField(forms.SlugField):
    """The admin's slug field: whatever the editor typed becomes an ASCII slug on the
    server, so a browser without JavaScript gets the same address."""

    widget = AsciiSlugInput

    def to_python(self, value):
        value = super().to_python(value)
        return ascii_slug(value) if value else value
