"""The page cache's settings, read on every use so tests can override them."""

from django.conf import settings
from django.core.cache import caches

DEFAULTS = {
    # Off: nothing is stored or served from the cache, but headers and page_served still are.
    "ENABLED": True,
    # The cache alias holding pages; every worker must share it (file, Redis), never locmem
    # in a multi-process server, or a publish would only reach one worker.
    "CACHE": "pages",
    # Upper bound of an entry's life, a safety net for changes no signal announces.
    "TTL": 600,
    # What browsers may keep before asking again with the page's ETag (a 304 when nothing
    # changed): short, so a new crisis alert is on a resident's screen within seconds
    # (issue 13: within 10 s). Browsers get no stale-while-revalidate.
    "BROWSER_MAX_AGE": 5,
    "STALE_IF_ERROR": 86400,
    # Never looked up: the admin, static and media files, documents, search, and the health
    # probe (operations/health.py; answered in front of the cache, never stored).
    "SKIP_PATHS": ("/admin/", "/static/", "/media/", "/dokument/", "/sok/", "/healthz"),
    # Query parameters that never change a page (campaign tags), left out of the key.
    "IGNORED_PARAMS": ("utm_", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid"),
    # Production: the Varnish in front, told to drop its copies when this cache is, with the
    # secret its VCL asks for (deploy/varnish/).
    "VARNISH_URL": "",
    "PURGE_SECRET": "",
    # Host name visitors use, for warming Varnish; defaults to WAGTAILADMIN_BASE_URL's.
    "PUBLIC_HOST": "",
    # Pages fetched through Varnish right after every invalidation (the crisis page).
    "WARM_PATHS": (),
    # And this many of the pages visitors wanted most in the last hour (register_popular).
    "WARM_POPULAR": 10,
    # More models whose changes invalidate ("app_label.ModelName").
    "DEPENDENCIES": (),
}


def setting(name):
    return getattr(settings, f"PAGECACHE_{name}", DEFAULTS[name])


def page_cache():
    alias = setting("CACHE")
    return caches[alias if alias in settings.CACHES else "default"]
