"""Counting page views as they are served, without consent and without identifiers.

The page cache's middleware sends ``page_served`` for every GET of a public Wagtail page
answered 200, from the cache (a hit) or rendered (a miss), and with the cache switched
off; ``on_page_served`` counts it (connected in ``apps.py``). Hits that Varnish serves
never reach Django; the production profile pipes them into ``manage.py ingest_pageviews``
instead.
"""

from __future__ import annotations

from django.utils import timezone

from . import pages
from .recording import record_pageview


def countable(request, response) -> bool:
    """A page view a person asked for: a full GET answered 200 with HTML, not a preview,
    not the admin, not a browser's speculative prefetch."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path.startswith("/admin/") or getattr(request, "is_preview", False):
        return False
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return "prefetch" not in purpose.lower()


def count(request, response) -> bool:
    if not countable(request, response):
        return False
    return record_pageview(
        request.path,
        request.headers.get("Referer", ""),
        request.headers.get("User-Agent", ""),
        timezone.now(),
        site=pages.site_for_request(request),
    )


def on_page_served(sender, request, response, hit=False, **kwargs):
    count(request, response)
