"""Admin login throttling per account and per client, without storing who the client is.

Failed logins are counted in the cache under keys that are HMACs of the account name or the
client (``clients.client_id``: an address or Varnish's keyed hash of one) and the current
window. The counters expire with their window; nothing else is kept. When either count
reaches its limit, logins for that account (from anywhere) or from that client (for any
account) are refused until the window ends, with a Swedish message and a 429, and Wagtail's
audit log records the lockout on the account.

Defaults: 5 failures per account and 20 per client in 15 minutes
(``KOMMUNWEBB_LOGIN_FAILURES_PER_ACCOUNT``, ``…_PER_CLIENT``, ``KOMMUNWEBB_LOGIN_WINDOW``).
The counters live in the cache ``KOMMUNWEBB_THROTTLE_CACHE`` ("throttle"), which every
worker must share for the limits to hold across workers (file cache or Redis). If the cache
is unreachable, logins are neither counted nor refused: a Redis outage must not lock every
editor out during a crisis (docs/security.md).
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from .clients import client_id, transient_key
from .counters import get_many, hit

logger = logging.getLogger(__name__)


def _setting(name, default):
    return int(getattr(settings, name, default))


def window() -> int:
    return _setting("KOMMUNWEBB_LOGIN_WINDOW", 900)


def limits() -> dict[str, int]:
    return {
        "account": _setting("KOMMUNWEBB_LOGIN_FAILURES_PER_ACCOUNT", 5),
        "client": _setting("KOMMUNWEBB_LOGIN_FAILURES_PER_CLIENT", 20),
    }


def _cache():
    alias = getattr(settings, "KOMMUNWEBB_THROTTLE_CACHE", "default")
    return caches[alias if alias in settings.CACHES else "default"]


@dataclass(frozen=True)
class Verdict:
    locked: bool
    retry_after: int = 0  # seconds until the window ends
    reason: str = ""  # "account" or "client"


def _keys(request, username: str, now: float) -> dict[str, str]:
    period = int(now // window())
    return {
        "account": transient_key("login-account", username.strip().lower(), period),
        "client": transient_key("login-client", client_id(request), period),
    }


def _retry_after(now: float) -> int:
    return max(1, math.ceil(window() - now % window()))


def check(request, username: str, now: float | None = None) -> Verdict:
    now = time.time() if now is None else now
    keys = _keys(request, username, now)
    counts = get_many(_cache(), list(keys.values()))
    if counts is None:  # cache down: nobody is locked out (counters.py)
        return Verdict(False)
    for reason, limit in limits().items():
        if counts.get(keys[reason], 0) >= limit:
            return Verdict(True, _retry_after(now), reason)
    return Verdict(False)


def record_failure(request, username: str, now: float | None = None) -> Verdict:
    """Count a failed login; the verdict for the next attempt."""
    now = time.time() if now is None else now
    for key in _keys(request, username, now).values():
        hit(_cache(), key, window() + 1)
    return check(request, username, now)


def record_success(request, username: str, now: float | None = None):
    """A correct password clears the account's count (not the client's)."""
    now = time.time() if now is None else now
    try:
        _cache().delete(_keys(request, username, now)["account"])
    except Exception:  # noqa: BLE001 - cache down: nothing was counted either
        logger.warning("login throttle: the cache is unreachable, logins are not counted")
