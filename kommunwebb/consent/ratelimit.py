"""A rate limit that never stores who is asking.

Requests are counted per minute under a key that is an HMAC of the client (its address,
or behind Varnish the keyed hash Varnish sends: kommunwebb.security.clients) and the
current minute, with a secret that is drawn at random when the process starts and
never leaves its memory. The key cannot be turned back into an address, cannot be linked
from one minute to the next, and expires from the cache after two minutes. With several
worker processes each has its own secret, so the effective limit is per worker.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time

from django.conf import settings
from django.core.cache import cache

from kommunwebb.security.clients import client_id
from kommunwebb.security.counters import hit

_PROCESS_SECRET = os.urandom(32)

DEFAULT_PER_MINUTE = 30


def transient_key(request, scope: str, minute: int | None = None) -> str:
    minute = int(time.time() // 60) if minute is None else minute
    message = f"{scope}|{minute}|{client_id(request)}".encode()
    digest = hmac.new(_PROCESS_SECRET, message, hashlib.sha256).hexdigest()[:32]
    return f"kw-rl:{scope}:{digest}"


def allow(request, scope: str, per_minute: int | None = None) -> bool:
    """Count this request; False once the key has used up this minute's allowance."""
    if per_minute is None:
        per_minute = int(getattr(settings, "CONSENT_RATE_LIMIT_PER_MINUTE", DEFAULT_PER_MINUTE))
    count = hit(cache, transient_key(request, scope), 120)
    # Without a reachable cache nothing is counted (security.counters).
    return count is None or count <= per_minute
