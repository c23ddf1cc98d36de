"""Which pages count: a path is counted only if it is a live page that anyone may see.

Lookups are cached in the process for a minute (known and unknown paths alike, with a size
cap), so a burst of page views or beacons for the same few pages costs no queries and a
flood of made-up paths cannot grow memory without bound.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings

_TTL = 60.0
_MAX_ENTRIES = 20_000
_lock = threading.Lock()
_paths: dict[tuple[int, str], tuple[float, int | None]] = {}
_sites: dict[object, tuple[float, object]] = {}


def clear_cache() -> None:
    with _lock:
        _paths.clear()
        _sites.clear()


def default_site():
    return _cached_site("default", _load_default_site)


def site_for_request(request):
    """Wagtail's site for the request, cached per host and port for a minute: counting a
    page-cache hit must not cost a query."""
    site = getattr(request, "_wagtail_site", None)
    if site is not None:
        return site
    from django.http.request import split_domain_port
    from wagtail.models import Site

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    site = _cached_site(("site", hostname, port), lambda: Site._find_for_request(request))
    request._wagtail_site = site
    return site


def _load_default_site():
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def _cached_site(key, loader):
    now = time.monotonic()
    entry = _sites.get(key)
    if entry and entry[0] > now:
        return entry[1]
    site = loader()
    with _lock:
        _sites[key] = (now + _TTL, site)
    return site


def own_hosts() -> frozenset[str]:
    """Every host name this installation answers to: a referrer from one is internal."""
    return _cached_site("hosts", _load_hosts)


def _load_hosts():
    from wagtail.models import Site

    hosts = {h.lower() for h in Site.objects.values_list("hostname", flat=True)}
    hosts |= {h.lower().lstrip(".") for h in getattr(settings, "ALLOWED_HOSTS", []) if h != "*"}
    hosts |= {h.lower() for h in getattr(settings, "ANALYTICS_INTERNAL_HOSTS", [])}
    return frozenset(hosts)


def normalise(path: str) -> str | None:
    """A request path as Wagtail's url_path would hold it, or None if it cannot be one."""
    if not path or not path.startswith("/") or len(path) > 1024 or "\x00" in path:
        return None
    path = path.split("?", 1)[0].split("#", 1)[0]
    if "//" in path or "/../" in path or "/./" in path:
        return None
    if not path.endswith("/"):
        # Wagtail's pages all end in a slash; "/nyheter" is redirected there by
        # CommonMiddleware, so counting both would count one view twice.
        return None
    return path


def page_id_for_path(path: str, site=None) -> int | None:
    """The id of the live, public page at ``path`` on ``site`` (default site if None)."""
    path = normalise(path)
    if path is None:
        return None
    if site is None:
        site = default_site()
    if site is None:
        return None
    key = (site.pk, path)
    now = time.monotonic()
    entry = _paths.get(key)
    if entry and entry[0] > now:
        return entry[1]
    page_id = _lookup(site, path)
    with _lock:
        if len(_paths) >= _MAX_ENTRIES:
            _paths.clear()
        _paths[key] = (now + _TTL, page_id)
    return page_id


def _lookup(site, path: str) -> int | None:
    from wagtail.models import Page

    root_path = site.root_page.url_path  # e.g. "/start/"
    url_path = root_path + path.lstrip("/")
    return (
        Page.objects.live()
        .public()
        .filter(url_path=url_path, path__startswith=site.root_page.path)
        .values_list("pk", flat=True)
        .first()
    )


def most_viewed_paths(limit: int, now: float | None = None) -> list[str]:
    """The paths of the ``limit`` visible pages viewed most in the current and the previous
    clock hour (the counts are kept per hour), most viewed first."""
    from urllib.parse import urlsplit

    from django.db.models import Sum
    from wagtail.models import Page

    from kommunwebb.core.visibility import visible

    from .models import HourlyPageViews

    since = int(time.time() if now is None else now) // 3600 * 3600 - 3600
    top = list(
        HourlyPageViews.objects.filter(hour__gte=since)
        .values("page_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "page_id")
        .values_list("page_id", flat=True)[: limit * 2]
    )
    pages = {page.pk: page for page in visible(Page.objects.filter(pk__in=top))}
    paths = []
    for page_id in top:
        url = pages[page_id].get_url() if page_id in pages else None
        if url:
            paths.append(urlsplit(url).path)
    return paths[:limit]
