"""Serve anonymous visitors' page views from the shared cache; store what may be shared.

Placed before every middleware but the security guards (CSP, refused input) and the beacon:
a hit skips the rest, and a miss is stored with the headers the stack below added, so a hit
answers exactly what a render would have.
"""

import hashlib
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from wagtail.views import serve as wagtail_serve

from . import memo
from .conf import page_cache, setting
from .invalidation import GENERATION_KEY, current_generation, deadline_for
from .keys import cache_key, variant
from .signals import page_served

SAFE_METHODS = ("GET", "HEAD")
# Public pages differ only by their variant (keys.py: the consent state, C1), which these
# request headers carry.
VARY = ("Cookie", "Sec-GPC", "DNT")
_VARY_ALLOWED = {header.lower() for header in VARY}
_PRIVATE = ("private", "no-cache", "no-store")
# Headers a hit must not replay: the cache sets its own, the server adds the date.
_NOT_STORED = {"cache-control", "x-page-cache", "date", "set-cookie"}


class CacheEntry:
    __slots__ = ("generation", "expires_at", "status", "headers", "content")
    # Never changed once stored: the embedded cache shares one read between requests
    # (filecache.py).
    read_only = True

    def __init__(self, generation, expires_at, status, headers, content):
        self.generation = generation
        self.expires_at = expires_at
        self.status = status
        self.headers = headers
        self.content = content

    def __getstate__(self):
        return (self.generation, self.expires_at, self.status, self.headers, self.content)

    def __setstate__(self, state):
        self.generation, self.expires_at, self.status, self.headers, self.content = state


def cache_control(ttl: int) -> str:
    """Browsers keep a page a few seconds and then ask again with its ETag (a 304 from the
    cache when nothing changed), so a new crisis alert reaches a resident who just loaded
    the page within BROWSER_MAX_AGE seconds (docs/crisis.md). No stale-while-revalidate:
    a browser would show the stale page first. Shared caches keep it until the next
    deadline (s-maxage); Varnish sets its own grace (deploy/varnish)."""
    max_age = min(setting("BROWSER_MAX_AGE"), ttl)
    return f"public, max-age={max_age}, s-maxage={ttl}, stale-if-error={setting('STALE_IF_ERROR')}"


def etag_for(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def not_modified(request, etag: str) -> bool:
    """Whether the browser's copy is this one (If-None-Match, weak comparison)."""
    asked = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not asked or not etag:
        return False
    if asked.strip() == "*":
        return True
    tags = {tag.strip().removeprefix("W/") for tag in asked.split(",")}
    return etag in tags


def _revalidated(response, cache_control_value: str):
    """The 304 for a browser that has the page: its validators and caching headers only."""
    answer = HttpResponseNotModified()
    for name in ("ETag", "Vary", "Content-Security-Policy", "X-Page-Cache"):
        if name in response:
            answer.headers[name] = response[name]
    answer.headers["Cache-Control"] = cache_control_value
    return answer


def changes_at(request, moment) -> None:
    """Part of the response being rendered changes by the clock at ``moment`` (an aware
    datetime), which no registered deadline knows (opening hours written into a page's
    text): the caches keep this response no longer than that. None changes nothing."""
    if request is None or moment is None:
        return
    current = getattr(request, "_pagecache_changes_at", None)
    if current is None or moment.timestamp() < current:
        request._pagecache_changes_at = moment.timestamp()


def is_anonymous_candidate(request) -> bool:
    """A request the cache may answer: a safe method, no login session, no credentials."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(setting("SKIP_PATHS"))
    )


def is_shareable(response) -> bool:
    """Nothing in the response belongs to one visitor, by what the response itself says."""
    if response.streaming or response.cookies:
        return False
    directives = response.get("Cache-Control", "").lower()
    if any(word in directives for word in _PRIVATE):
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    return vary <= _VARY_ALLOWED


def lookup(request):
    """``(response, key, generation)``: the stored answer to an anonymous candidate request
    (``is_anonymous_candidate``, the cache switched on) or ``None`` with the key and the
    generation a render is stored under. The one way a hit is made: by the middleware below
    and by the WSGI fast path in front of Django (fastpath.py)."""
    cache = page_cache()
    key = cache_key(request, variant(request))
    found = cache.get_many((GENERATION_KEY, key))
    generation = found.get(GENERATION_KEY) or current_generation(cache)
    # For what the page shares with every other (memo.py): no second read.
    request._pagecache_generation = generation
    entry = found.get(key)
    now = time.time()
    if entry is None or entry.generation != generation or entry.expires_at <= now:
        return None, key, generation
    response = HttpResponse(entry.content, status=entry.status)
    for name, value in entry.headers:
        response.headers[name] = value
    response.headers["Cache-Control"] = cache_control(int(entry.expires_at - now))
    response.headers["X-Page-Cache"] = "hit"
    if request.method == "GET":
        page_served.send(sender=PageCacheMiddleware, request=request, response=response, hit=True)
    # A browser asking again with the ETag it has: 304 when nothing changed (issue 13).
    if not_modified(request, response.get("ETag", "")):
        response = _revalidated(response, response.headers["Cache-Control"])
    return response, key, generation


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_candidate(request):
            return self._finish(request, self.get_response(request), None, None)
        if not setting("ENABLED"):
            return self._finish(request, self.get_response(request), "", None)
        response, key, generation = lookup(request)
        if response is not None:
            return response
        # A render: Wagtail's site for the host as of this generation, without a query.
        memo.site(request)
        response = self.get_response(request)
        return self._finish(request, response, key, generation)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before Wagtail's serve view routes a miss: the page's address as of this
        generation, without walking the tree (memo.route)."""
        if view_func is wagtail_serve and getattr(request, "_pagecache_generation", None):
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            memo.route(request, path)

    def _finish(self, request, response, key, generation):
        """After a render: headers for shared caches, storing, and the page_served signal.
        ``key`` is None for requests the cache must not answer, "" when it is switched off."""
        is_page = getattr(request, "_pagecache_page", None) is not None
        if response.status_code != 200 or not getattr(request, "_pagecache_public", False):
            if is_page and response.status_code == 200 and request.method == "GET":
                self._served(request, response)
            return response
        if key is not None and is_shareable(response):
            now = timezone.now()
            if generation is None:
                generation = current_generation()
            deadline = deadline_for(generation, now)
            own = getattr(request, "_pagecache_changes_at", None)
            if own is not None:
                deadline = min(deadline, own)
            ttl = max(1, min(setting("TTL"), int(deadline - now.timestamp())))
            patch_vary_headers(response, VARY)
            response.headers["Cache-Control"] = cache_control(ttl)
            response.headers["X-Page-Cache"] = "miss"
            response.headers["ETag"] = etag_for(response.content)
            if key and request.method == "GET":
                self._store(key, generation, now.timestamp() + ttl, response)
            if not_modified(request, response["ETag"]):
                # Rendered again (the cache was invalidated) but the same as the browser's.
                if is_page and request.method == "GET":
                    self._served(request, response)
                return _revalidated(response, response.headers["Cache-Control"])
        elif "Cache-Control" not in response:
            # Logged in, or something personal in it: no shared cache may keep it.
            add_never_cache_headers(response)
        if is_page and request.method == "GET":
            self._served(request, response)
        return response

    def _store(self, key, generation, expires_at, response):
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _NOT_STORED
        ]
        entry = CacheEntry(generation, expires_at, response.status_code, headers, response.content)
        page_cache().set(key, entry, max(1, int(expires_at - time.time())))

    def _served(self, request, response):
        page_served.send(sender=PageCacheMiddleware, request=request, response=response, hit=False)
