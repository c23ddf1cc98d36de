"""Beacon rate limits under keys that cannot be traced back to anyone.

A visitor with a valid ``kw_vid`` is counted under an HMAC of that id; a request without
one under an HMAC of the client (its address, or behind Varnish the keyed hash Varnish
sends: kommunwebb.security.clients). Both use a secret drawn when the process
starts, never written anywhere, and the current minute, so a key means nothing outside
this process and this minute; counters live in the cache for two minutes. The address is
an input to the HMAC only, never stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time

from django.conf import settings
from django.core.cache import caches

from kommunwebb.security.clients import client_id
from kommunwebb.security.counters import hit

_PROCESS_SECRET = os.urandom(32)

PER_VISITOR = 120  # a minute: more than anyone reading pages can produce
PER_ADDRESS = 60  # a minute, for beacons that come without a visitor id


def _key(kind: str, value: str, minute: int) -> str:
    message = f"{kind}|{minute}|{value}".encode()
    digest = hmac.new(_PROCESS_SECRET, message, hashlib.sha256).hexdigest()[:32]
    return f"kw-an:{kind}:{digest}"


def allow(request, visitor_id: str | None) -> bool:
    """Count this beacon; False once its key has used up this minute's allowance."""
    minute = int(time.time() // 60)
    if visitor_id:
        key = _key("v", visitor_id, minute)
        limit = int(getattr(settings, "ANALYTICS_BEACONS_PER_VISITOR", PER_VISITOR))
    else:
        key = _key("a", client_id(request), minute)
        limit = int(getattr(settings, "ANALYTICS_BEACONS_PER_ADDRESS", PER_ADDRESS))
    cache = caches[getattr(settings, "ANALYTICS_RATE_LIMIT_CACHE", "default")]
    count = hit(cache, key, 120)
    # Without a reachable cache nothing is counted (security.counters).
    return count is None or count <= limit
