"""Counting page views as they are served, without consent and without identifiers.

With the page cache (contract C2) installed, its ``page_served`` signal reports every
public page it serves, cache hits included, and ``on_page_served`` counts them. Without
it, ``PageViewMiddleware`` counts the Wagtail page responses itself; it removes itself
from the middleware chain when the page cache is installed, so no view counts twice.
Hits that Varnish serves never reach Django; the production profile pipes them into
``manage.py ingest_pageviews`` instead.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import MiddlewareNotUsed
from django.utils import timezone

from . import pages
from .recording import record_pageview

PAGECACHE_APP = "kommunwebb.pagecache"


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


def mark_wagtail_page(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: only responses of Wagtail's page serving are counted
    by the middleware (not the search view, not documents, not error pages)."""
    request._kw_analytics_page_id = page.pk


class PageViewMiddleware:
    def __init__(self, get_response):
        if apps.is_installed(PAGECACHE_APP):
            raise MiddlewareNotUsed("the page cache counts page views through its signal")
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_kw_analytics_page_id", None) is not None:
            count(request, response)
        return response
