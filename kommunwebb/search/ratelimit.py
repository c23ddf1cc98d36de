"""A rate limit per visitor on searches, without storing who the visitor is.

Only searches that reach the index count (a repeated query answered from the cache costs
next to nothing and is not limited). Each visitor is counted per minute under a key that is
an HMAC of the visitor's client key and the minute, with a secret drawn when the process
starts and never written anywhere: the key cannot be turned back into an address or linked
from one minute to the next, and the counter expires after two minutes (the approach of
``consent/ratelimit.py`` and ``analytics/ratelimit.py``).

The client key is read by ``client_key``, the one function that knows where it comes from:
behind Varnish (the production profile) the proxy sends a keyed hash of the client's
address in a header, because Varnish itself is the connecting address for everyone; served
directly (the embedded profile) it is the connecting address. With Redis down the cache
errors are ignored and searches are not limited.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

_PROCESS_SECRET = os.urandom(32)

DEFAULT_PER_MINUTE = 30
# The header in which a trusted proxy (Varnish) passes a keyed hash of the client's
# address, never the address itself.
DEFAULT_CLIENT_HEADER = "X-KW-Client"
DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")


def client_key(request) -> str:
    """Who is asking, as far as a rate limit needs to know: the hash a trusted proxy put in
    ``SEARCH_CLIENT_HEADER``, else the connecting address. An HMAC input only."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "SEARCH_TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES)
    header = getattr(settings, "SEARCH_CLIENT_HEADER", DEFAULT_CLIENT_HEADER)
    meta_name = "HTTP_" + header.upper().replace("-", "_")
    forwarded = request.META.get(meta_name, "")
    if forwarded and remote in trusted:
        return "proxy:" + forwarded[:128]
    return remote


def per_minute() -> int:
    return int(getattr(settings, "SEARCH_RATE_LIMIT_PER_MINUTE", DEFAULT_PER_MINUTE))


def _key(request, minute: int) -> str:
    message = f"search|{minute}|{client_key(request)}".encode()
    digest = hmac.new(_PROCESS_SECRET, message, hashlib.sha256).hexdigest()[:32]
    return f"kw-rl:search:{digest}"


def allow(request, now: float | None = None) -> bool:
    """Count one search for this visitor; False once this minute's allowance is used."""
    limit = per_minute()
    if limit <= 0:
        return True
    minute = int((time.time() if now is None else now) // 60)
    cache = caches[getattr(settings, "SEARCH_RATE_LIMIT_CACHE", "default")]
    key = _key(request, minute)
    try:
        if cache.add(key, 1, timeout=120):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=120)
            count = 1
    except Exception:  # noqa: BLE001 - a cache that is down must not take search down
        logger.warning("search rate limit: the cache did not answer; not limiting")
        return True
    return count <= limit
