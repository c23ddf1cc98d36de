"""Search answers kept per content generation, so a repeated query costs a cache read.

When something happens in the city, many residents type the same few words. Two levels,
both in the page cache's store (files under ``var/cache/pages`` embedded, Redis in
production) and both keyed on the page cache's generation (``pagecache.invalidation``),
which every publish replaces, so nothing here outlives the content it was computed from:

* **results**: the ids and total of one page of results, keyed on the normalised query
  (its words, lower-cased, synonyms and all), the filters and the page number. "Bibliotek"
  and "bibliotek!" share an entry, as do the three consent variants of the page.
* **the page**: the rendered HTML for the exact request (query as typed, filters, page
  number) and the visitor's consent variant, like a cached page; it also lives no longer
  than the generation's deadline (an alert that starts or ends changes the banner).

Visitors with a login session are neither answered from nor stored in the page level. With
the page cache switched off (``PAGECACHE_ENABLED``, the test suite's default) nothing is
kept. The search statistics still count every request, hits included (``views.py``).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from kommunwebb.core.locales import content_language
from kommunwebb.pagecache.conf import page_cache, setting
from kommunwebb.pagecache.invalidation import current_generation, deadline_for
from kommunwebb.pagecache.keys import variant

RESULTS_PREFIX = "kw-search:results:"
PAGE_PREFIX = "kw-search:page:"


def enabled() -> bool:
    """With the page cache, unless ``SEARCH_CACHE = False`` (the benchmark measures the
    index that way)."""
    return bool(setting("ENABLED")) and getattr(settings, "SEARCH_CACHE", True)


def _digest(parts) -> str:
    raw = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _generation(request=None) -> str:
    generation = getattr(request, "_pagecache_generation", None) if request is not None else None
    if generation is None:
        generation = current_generation()
        if request is not None:
            request._pagecache_generation = generation
    return generation


# --- Results ----------------------------------------------------------------------------


def get_results(parts):
    if not enabled():
        return None, None
    key = RESULTS_PREFIX + _digest([_generation(), content_language(), *parts])
    try:
        return key, page_cache().get(key)
    except Exception:  # noqa: BLE001 - a cache that is down only costs speed
        return None, None


def set_results(key, value) -> None:
    if key is None:
        return
    try:
        page_cache().set(key, value, setting("TTL"))
    except Exception:  # noqa: BLE001
        return


# --- Whole pages ------------------------------------------------------------------------


def page_key(request) -> str | None:
    """None when this request may not share a cached page (a login session)."""
    if not enabled():
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    params = sorted((name, value) for name, values in request.GET.lists() for value in values)
    parts = [
        _generation(request),
        request.scheme,
        request.get_host(),
        # /sok/ and /en/sok/ search the pages of their own language (kommunwebb/languages).
        content_language(),
        params,
        variant(request),
    ]
    return PAGE_PREFIX + _digest(parts)


def get_page(key):
    """(HTML, hits, whether a zero counts as a zero-hit search) or None."""
    if key is None:
        return None
    try:
        entry = page_cache().get(key)
    except Exception:  # noqa: BLE001
        return None
    if entry is None or entry[0] <= time.time():
        return None
    return entry[1:]


def set_page(request, key, response: HttpResponse, hits: int, zero_counts: bool) -> None:
    if key is None or response.status_code != 200 or response.cookies:
        return
    expires = min(
        time.time() + setting("TTL"),
        deadline_for(_generation(request), timezone.now()),
    )
    ttl = int(expires - time.time())
    if ttl <= 0:
        return
    try:
        page_cache().set(key, (expires, response.content, hits, zero_counts), ttl)
    except Exception:  # noqa: BLE001
        return
