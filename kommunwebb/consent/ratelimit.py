"""A rate limit that never stores who is asking.

Requests are counted per minute under a key that is an HMAC of the client's address and
the current minute, with a secret that is drawn at random when the process starts and
never leaves its memory. The key cannot be turned back into an address, cannot be linked
from one minute to the next, and expires from the cache after two minutes. With several
worker processes each has its own secret, so the effective limit is per worker.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import time

from django.conf import settings
from django.core.cache import cache

_PROCESS_SECRET = os.urandom(32)

DEFAULT_PER_MINUTE = 30


def _client_address(request) -> str:
    """The connecting address; behind a proxy on this machine (Varnish), the address the
    proxy appended last to X-Forwarded-For. Used only as HMAC input, never stored."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "CONSENT_TRUSTED_PROXIES", ("127.0.0.1", "::1"))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in trusted:
        last = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            pass
    return remote


def transient_key(request, scope: str, minute: int | None = None) -> str:
    minute = int(time.time() // 60) if minute is None else minute
    message = f"{scope}|{minute}|{_client_address(request)}".encode()
    digest = hmac.new(_PROCESS_SECRET, message, hashlib.sha256).hexdigest()[:32]
    return f"kw-rl:{scope}:{digest}"


def allow(request, scope: str, per_minute: int | None = None) -> bool:
    """Count this request; False once the key has used up this minute's allowance."""
    if per_minute is None:
        per_minute = int(getattr(settings, "CONSENT_RATE_LIMIT_PER_MINUTE", DEFAULT_PER_MINUTE))
    key = transient_key(request, scope)
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count <= per_minute
