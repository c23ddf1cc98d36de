"""Test data for pages in several languages."""

from wagtail.models import Locale


def translate(page, code, **fields):
    """What wagtail-localize's "Översätt" leaves: a copy of ``page`` in the locale ``code``
    (with its parents, the first time), given ``fields`` and published."""
    locale = Locale.objects.get_or_create(language_code=code)[0]
    copy = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy
