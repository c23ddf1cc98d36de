"""Pages a visitor must never see, made the way Wagtail makes them, for the tests that check
every listing, feed, calendar, sitemap, API, search and block shows only live, public
content (``core/visibility.py``).

``hidden_pages(factory, parent)`` makes one page of each kind below under ``parent``, each
titled "<word> <kind>" so a test can look for the titles in what a visitor gets:

* ``utkast``: a draft, never published.
* ``avpublicerad``: published, then unpublished.
* ``schemalagd``: published by an editor for a time that has not come (Wagtail keeps it
  unpublished with a revision approved to go live then).
* ``utgangen``: live, but past its expiry time (the seconds before the task worker
  unpublishes it).
* ``privat``: live, behind a password (a view restriction).
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import PageViewRestriction

KINDS = ("utkast", "avpublicerad", "schemalagd", "utgangen", "privat")


def _refreshed(page):
    page.refresh_from_db()
    return page


def hidden_pages(factory, parent, word="Dold", after_create=None, **fields) -> dict:
    """``{kind: page}`` for every kind in :data:`KINDS`. ``after_create(page)`` runs on each
    page before it is published (to add event occurrences or tags)."""
    now = timezone.now()
    pages = {}

    def make(kind, **extra):
        page = factory(
            parent=parent, title=f"{word} {kind}", slug=f"{word.lower()}-{kind}", **fields, **extra
        )
        if after_create is not None:
            after_create(page)
        pages[kind] = page
        return page

    draft = make("utkast", live=False)
    draft.save_revision()

    unpublished = make("avpublicerad")
    unpublished.save_revision().publish()
    _refreshed(unpublished).unpublish()

    scheduled = make("schemalagd", live=False)
    scheduled.go_live_at = now + timedelta(days=1)
    scheduled.save_revision().publish()

    expired = make("utgangen")
    expired.expire_at = now - timedelta(minutes=1)
    expired.save_revision().publish()
    # Publishing refuses an expiry in the past for a reason; set it as time would have.
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=now - timedelta(seconds=1), live=True
    )

    private = make("privat")
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    for page in pages.values():
        page.refresh_from_db()
    return pages


def hidden_titles(pages: dict) -> list[str]:
    return [page.title for page in pages.values()]


def assert_none_shown(text: str, pages: dict) -> None:
    shown = [title for title in hidden_titles(pages) if title in text]
    assert not shown, f"a visitor sees {shown}"
