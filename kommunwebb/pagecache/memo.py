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
# Routes are one per address of the site and language: their own store, so a large site's
# addresses never push the shared facts and fragments out.
MAX_ROUTES = 20_000

_entries: dict[Hashable, tuple[str, float, object]] = {}
_routes: dict[Hashable, tuple[str, float, object]] = {}
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
    return _shared(_entries, MAX_ENTRIES, key, compute, request)


def _shared(entries, bound, key, compute, request):
    if not setting("ENABLED"):
        return compute()
    generation = _generation(request)
    entry = entries.get(key)
    if entry is not None and entry[0] == generation and entry[1] > time.time():
        return entry[2]
    # Computed after the generation was read: if a publish lands in between, the value is
    # newer than its generation says and is simply computed again on the next request.
    value = compute()
    deadline = deadline_for(generation, timezone.now())
    with _lock:
        if len(entries) >= bound:
            entries.clear()
        entries[key] = (generation, deadline, value)
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


def route(request, path: str) -> None:
    """Wagtail's routing of ``path`` (the serve view's argument) for ``request``, with the
    page's address resolved once per content generation, site and language.

    Wagtail walks the tree on every render: the active ``Locale`` (behind the root page's
    ``localized``), then each level's child by its slug and its specific row; four queries
    for a news article. What routing found is kept as the page's class and primary key,
    and a later request reads that one page again (``live`` rows only; a class can name the
    relations its template reads in ``route_select_related``) and leaves it where Wagtail's
    serve view looks first (``request._wagtail_route_for_request``). Everything that decides
    whether the visitor may see the page still runs on every request against that fresh
    row: Wagtail's ``before_serve_page`` hooks (view restrictions, core's expiry check) and
    the page's own ``serve``. Publishing, unpublishing, moving, renaming, deleting a page and
    saving a view restriction start a new generation (invalidation.py), a page's expiry is
    one of its deadlines, so an address never leads to a page it no longer leads to in
    Wagtail's own routing.

    Only a page that answers its own address with Wagtail's plain ``Page.route`` (no
    arguments, no sub-routes of a routable page) is kept; anything else, an unknown
    address, or the page cache switched off, is routed by Wagtail as before. A page type's
    ``route`` (here: the news index's) may depend on nothing but the path."""
    if request is None or hasattr(request, "_wagtail_route_for_request"):
        return
    site = getattr(request, "_wagtail_site", None)
    if site is None or not setting("ENABLED"):
        return
    from django.utils.translation import get_language
    from wagtail.models import Page
    from wagtail.url_routing import RouteResult

    def resolve():
        found = Page.route_for_request(request, path)
        if found is None or found.args or found.kwargs:
            return None
        page = found.page
        if type(page).route is not Page.route:
            return None
        return type(page), page.pk

    key = (site.pk, site.root_page_id, get_language(), path)
    kept = _shared(_routes, MAX_ROUTES, key, resolve, request)
    if kept is None or hasattr(request, "_wagtail_route_for_request"):
        return  # Wagtail routed this request itself (just now, or when its view runs)
    model, pk = kept
    related = getattr(model, "route_select_related", ())
    page = model.objects.filter(pk=pk, live=True).select_related(*related).first()
    if page is not None:
        request._wagtail_route_for_request = RouteResult(page)


def clear():
    """Forget everything (tests)."""
    with _lock:
        _entries.clear()
        _routes.clear()
