"""Counting in the cache for rate limits, open when the cache is not there.

Every rate limit of the site (forms, consent, beacons, admin logins) counts requests under a
transient key with ``hit``. When the cache cannot be reached (Redis stopped or restarting in
the production profile), ``hit`` returns None and the limits let requests through: the site
keeps taking forms and consent while nothing can be counted, rather than refusing everyone
(docs/security.md, "Failure behaviour"). A warning says so, at most once a minute.
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)
_last_warning = [0.0]


def _unavailable(error: Exception | None = None):
    now = time.monotonic()
    if now - _last_warning[0] >= 60:
        _last_warning[0] = now
        logger.warning("rate limits are not counted: the cache cannot be reached (%s)", error)


def hit(cache, key: str, timeout: int) -> int | None:
    """Add one to ``key`` (created with ``timeout``); the new count, or None without a cache."""
    try:
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=timeout)
            return 1
    except Exception as error:  # noqa: BLE001 - any backend's connection error
        _unavailable(error)
        return None
    if count is None:  # django-redis with IGNORE_EXCEPTIONS: the call did not reach Redis
        _unavailable()
    return count


def get_many(cache, keys) -> dict | None:
    try:
        return cache.get_many(keys)
    except Exception as error:  # noqa: BLE001
        _unavailable(error)
        return None
