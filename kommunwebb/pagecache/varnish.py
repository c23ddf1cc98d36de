"""Keeping the production profile's Varnish in step with this cache.

Every object Varnish stores is tagged ``kw-all`` (and with its host and path) by
deploy/varnish/default.vcl. After each invalidation we soft-purge ``kw-all``: the copies stop
being fresh at once but stay in Varnish's grace, so they can still be served if the app or the
database goes down afterwards. Then the pages in PAGECACHE_WARM_PATHS (the crisis-support
page) and the pages visitors wanted most in the last hour (``register_popular``) are fetched
again through Varnish, in every consent variant, so they are never cold.
"""

import logging
import threading
from collections import Counter
from collections.abc import Callable
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import connections
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

from .conf import setting

logger = logging.getLogger(__name__)

PURGE_TAG = "kw-all"
WARMER_USER_AGENT = "Kommunwebb-cache-warmer/1.0 (bot)"
TIMEOUT = 5


class _PurgeRequest(Request):
    def get_method(self):
        return "PURGE"


def purge_headers() -> dict[str, str]:
    """Varnish accepts PURGE only from its ACL and with this secret (deploy/varnish/)."""
    secret = setting("PURGE_SECRET")
    return {"X-KW-Purge-Secret": secret} if secret else {}


class SecretPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge of one page's URL, with the purge secret."""

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=f"{self.cache_scheme}://{self.cache_netloc}{parts.path or '/'}"
            + (f"?{parts.query}" if parts.query else ""),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache", **purge_headers()},
        )
        try:
            with urlopen(request, timeout=TIMEOUT):  # noqa: S310 - the configured Varnish
                pass
        except (URLError, OSError) as error:
            logger.error("could not purge %s from Varnish: %s", url, error)


def public_host() -> str:
    return setting("PUBLIC_HOST") or urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc


def purge_all() -> bool:
    base = setting("VARNISH_URL")
    if not base:
        return False
    request = _PurgeRequest(
        base.rstrip("/") + "/",
        headers={"Host": public_host(), "X-Xkey-Purge": PURGE_TAG, **purge_headers()},
    )
    try:
        with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - configured URL
            return response.status == 200
    except (URLError, OSError) as error:
        logger.error("could not purge Varnish at %s: %s", base, error)
        return False


def consent_variants():
    """Request headers that make Varnish and the app compute each consent state (C1)."""
    version = int(getattr(settings, "CONSENT_POLICY_VERSION", 1))
    # A fixed, obviously fake consent id: warming must not look like a visitor's decision.
    fake_id = "cachewarmer0000000000w"
    return (
        {},
        {"Cookie": f"kw_consent=n.{version}.{fake_id}"},
        {"Cookie": f"kw_consent=s.{version}.{fake_id}"},
    )


def warm(paths=None) -> dict[str, int]:
    """Fetch each path through Varnish in each consent variant; returns status per path."""
    base = setting("VARNISH_URL")
    paths = setting("WARM_PATHS") if paths is None else paths
    results = {}
    if not base:
        return results
    for path in paths:
        for headers in consent_variants():
            request = Request(  # noqa: S310 - the configured Varnish address
                base.rstrip("/") + path,
                headers={"Host": public_host(), "User-Agent": WARMER_USER_AGENT, **headers},
            )
            try:
                with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                    response.read()
                    results[path] = response.status
            except (URLError, OSError) as error:
                logger.warning("could not warm %s: %s", path, error)
                results[path] = 0
    return results


# Functions ``fn(limit) -> [path, ...]`` naming the pages visitors want most right now,
# most wanted first (the analytics app registers the most viewed of the last hour).
_popular_sources: list[Callable[[int], list[str]]] = []


def register_popular(fn: Callable[[int], list[str]]):
    """After every publish, the paths ``fn`` names are rendered again (through Varnish, in
    every consent variant) before visitors ask: under a spike those are the pages that would
    otherwise all miss at once. Registered in an app's ``AppConfig.ready()``."""
    if fn not in _popular_sources:
        _popular_sources.append(fn)
    return fn


def warm_paths() -> list[str]:
    """PAGECACHE_WARM_PATHS (the crisis page) first, then up to PAGECACHE_WARM_POPULAR of
    the most wanted pages, each once."""
    paths = list(setting("WARM_PATHS"))
    limit = setting("WARM_POPULAR")
    for source in _popular_sources if limit > 0 else ():
        try:
            paths += list(source(limit))[:limit]
        except Exception:
            # Warming is a favour to the next visitors; it must never break a publish.
            logger.exception("pagecache: could not list the most wanted pages")
    return list(dict.fromkeys(paths))


# What the VCL logs for `manage.py ingest_pageviews --varnishlog` besides page views
# ("kw"): tag -> (count, flush). The search app counts the searches Varnish answered ("kws").
_log_records: dict[str, tuple[Callable[[Counter], int], Callable[[], object] | None]] = {}


def register_log_record(tag: str, count: Callable[[Counter], int], flush=None) -> None:
    """``count(records)`` gets a Counter of the text (bytes) after "<tag><TAB>" of each
    ``std.log`` record the VCL wrote with this tag, and how often each came, and returns
    how many it counted; ``flush()`` runs once the input ends. Registered in an app's
    ``AppConfig.ready()``; the tag is "kw" and lower-case letters."""
    if not tag.startswith("kw") or not tag.isalpha() or not tag.islower() or tag == "kw":
        raise ValueError(f"not a log record tag: {tag!r}")
    _log_records[tag] = (count, flush)


def log_records() -> dict[str, tuple[Callable[[Counter], int], Callable[[], object] | None]]:
    return dict(_log_records)


def warm_after_invalidation():
    try:
        warm(warm_paths())
    finally:
        # This thread's own database connection must not outlive it.
        connections.close_all()


def after_invalidation():
    if not setting("VARNISH_URL"):
        return
    purge_all()
    if setting("WARM_PATHS") or (_popular_sources and setting("WARM_POPULAR") > 0):
        # In the background: an editor's publish should not wait for pages to render.
        threading.Thread(target=warm_after_invalidation, name="pagecache-warm", daemon=True).start()
