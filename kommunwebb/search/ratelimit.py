"""A rate limit per visitor on searches, without storing who the visitor is.

Only searches that reach the index count (a repeated query answered from the cache costs
next to nothing and is not limited). Each visitor is counted per minute the way every rate
limit of the site counts (``security.clients``, ``security.counters``): under an HMAC of the
visitor (behind Varnish the keyed client hash it sends, served directly the connecting
address) and the minute, which cannot be turned back into an address, expiring after two
minutes. With the cache down searches are not limited (docs/security.md).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches

from kommunwebb.security import clients, counters

DEFAULT_PER_MINUTE = 30


def per_minute() -> int:
    return int(getattr(settings, "SEARCH_RATE_LIMIT_PER_MINUTE", DEFAULT_PER_MINUTE))


def _key(request, minute: int) -> str:
    return clients.transient_key("search", clients.client_id(request), minute)


def allow(request, now: float | None = None) -> bool:
    """Count one search for this visitor; False once this minute's allowance is used."""
    limit = per_minute()
    if limit <= 0:
        return True
    minute = int((time.time() if now is None else now) // 60)
    cache = caches[getattr(settings, "SEARCH_RATE_LIMIT_CACHE", "default")]
    count = counters.hit(cache, _key(request, minute), timeout=120)
    return count is None or count <= limit
