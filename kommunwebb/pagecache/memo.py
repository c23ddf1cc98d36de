"""What every public page shows around its own content (the site, the menu, the alerts, the
search page's topics), worked out once per content generation in each process.

A page the cache cannot answer (a miss after a publish, the search page, a page with a query
string) used to ask the database for the same site-wide facts on every render: a quarter of
the search page's time. They change only when the generation does (``invalidation``: any
publish, any alert or settings change) or at the generation's deadline (an alert's start or
end, midnight), so each process keeps the latest value with the generation and deadline it
was computed under, and computes it again once either has passed. With the page cache off
(the test suite's default) nothing is kept.
"""

import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.utils import timezone

from .conf import setting
from .invalidation import current_generation, deadline_for

T = TypeVar("T")

# Keys are few (one per site and fact); a bound keeps odd Host headers from growing it.
MAX_ENTRIES = 512

_entries: dict[Hashable, tuple[str, float, object]] = {}
_lock = threading.Lock()


def _generation(request) -> str:
    """The generation, read once per request (the page cache's middleware may have read it
    already)."""
    generation = getattr(request, "_pagecache_generation", None) if request is not None else None
    if generation is None:
        generation = current_generation()
        if request is not None:
            request._pagecache_generation = generation
    return generation


def shared(key: Hashable, compute: Callable[[], T], request=None) -> T:
    """``compute()``'s value as of the site's current content. The value is shared by every
    request this process serves, so it must not depend on who asks, nor be changed by the
    caller."""
    if not setting("ENABLED"):
        return compute()
    generation = _generation(request)
    entry = _entries.get(key)
    if entry is not None and entry[0] == generation and entry[1] > time.time():
        return entry[2]
    # Computed after the generation was read: if a publish lands in between, the value is
    # newer than its generation says and is simply computed again on the next request.
    value = compute()
    deadline = deadline_for(generation, timezone.now())
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = (generation, deadline, value)
    return value


def site(request):
    """Wagtail's site for ``request`` (``Site.find_for_request``), kept per host and port
    like every other shared fact, and left where Wagtail looks first (``_wagtail_site``):
    the page cache's middleware calls this before a render, so Wagtail's routing, the
    templates and the site settings find the site without a query."""
    if request is None:
        return None
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    from django.http.request import split_domain_port
    from wagtail.models import Site

    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    found = shared(("site", hostname, port), lambda: Site._find_for_request(request), request)
    request._wagtail_site = found
    return found


def clear():
    """Forget everything (tests)."""
    with _lock:
        _entries.clear()
