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


_locale_codes: dict[int, str] = {}


def locale_code(locale_id: int) -> str | None:
    """The language code of a Wagtail locale by its id, without a query per page: locales
    are few and a locale's code does not change, so the table is read once per process
    (and again when an id is new)."""
    if locale_id not in _locale_codes:
        from wagtail.models import Locale

        _locale_codes.update(Locale.objects.values_list("id", "language_code"))
    return _locale_codes.get(locale_id)


def forget_locale_codes(**kwargs):
    """A locale saved or deleted (signal receiver, ``apps.py``)."""
    _locale_codes.clear()
