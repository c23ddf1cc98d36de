"""The content languages of the site: which exist, how each is written, its direction.

Read from settings (``WAGTAIL_CONTENT_LANGUAGES``, set in ``settings/base.py`` from
``KOMMUNWEBB_CONTENT_LANGUAGES``); Swedish is the main one and has no prefix in addresses.
Django's own language table lacks the national minority languages (Meänkieli, the Sami
languages), so their names and directions are kept here.
"""

from django.conf import settings

# Written right to left (the page gets dir="rtl" and a mirrored layout).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "ckb"})


def main_language() -> str:
    return settings.LANGUAGE_CODE


def content_languages() -> list[tuple[str, str]]:
    """(code, name written in the language itself), Swedish first."""
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


def language_codes() -> frozenset[str]:
    return frozenset(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)


def own_name(code: str) -> str:
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code, code)


def direction(code: str) -> str:
    return "rtl" if code.split("-")[0] in RIGHT_TO_LEFT else "ltr"


def language_from_path(path: str) -> str:
    """The language an address names by its first segment (/en/…), else the main one.
    Only the address decides: never Accept-Language or a cookie, so that a cached page is
    one page per address (kommunwebb/pagecache)."""
    first = path.lstrip("/").split("/", 1)[0]
    if first and first != main_language() and first in language_codes():
        return first
    return main_language()
