"""Spam protection without any third-party service.

* A honeypot field people never see (hidden with CSS and from assistive technology).
* A signed token in a hidden field records when the form was shown and carries a random
  nonce; a form sent back sooner than a person can fill it is refused, and the nonce makes
  a double-clicked "Skicka" one submission, not two.
* A rate limit per client, counted in the cache under a key that is an HMAC of the client
  (its address, or behind Varnish the keyed hash Varnish sends: security.clients) and the
  current time window. The address itself is never stored anywhere; the
  key changes with every window, so yesterday's keys say nothing about anyone.
"""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from kommunwebb.security.clients import client_id
from kommunwebb.security.counters import hit

TOKEN_FIELD = "kw_form_token"  # noqa: S105 - a field name, not a secret
HONEYPOT_FIELD = "kw_webbplats"
_TOKEN_SALT = "kommunwebb.forms.form-token"  # noqa: S105 - a salt, not a secret


def _setting(name, default):
    return getattr(settings, name, default)


def min_fill_seconds() -> float:
    return float(_setting("CITYFORMS_MIN_FILL_SECONDS", 3))


def token_max_age() -> int:
    # A form left open over lunch still works; one from last week does not.
    return int(_setting("CITYFORMS_TOKEN_MAX_AGE", 24 * 3600))


def new_form_token(now: float | None = None) -> str:
    """A fresh token for a form being shown now."""
    issued = int(now if now is not None else time.time())
    return signing.dumps({"t": issued, "n": secrets.token_urlsafe(16)}, salt=_TOKEN_SALT)


@dataclass(frozen=True)
class TokenCheck:
    ok: bool
    problem: str = ""  # "missing", "invalid", "expired", "too_fast"
    nonce: str = ""


def check_form_token(value: str, now: float | None = None) -> TokenCheck:
    now = now if now is not None else time.time()
    if not value:
        return TokenCheck(False, "missing")
    try:
        data = signing.loads(value, salt=_TOKEN_SALT)
        issued, nonce = int(data["t"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return TokenCheck(False, "invalid")
    age = now - issued
    if age > token_max_age():
        return TokenCheck(False, "expired", nonce)
    if age < min_fill_seconds():
        return TokenCheck(False, "too_fast", nonce)
    return TokenCheck(True, "", nonce)


def honeypot_filled(data) -> bool:
    return bool(data.get(HONEYPOT_FIELD, "").strip())


# --- Rate limit ------------------------------------------------------------------------


def rate_limit() -> tuple[int, int]:
    """(submissions allowed, per this many seconds)."""
    count, window = _setting("CITYFORMS_RATE_LIMIT", (8, 600))
    return int(count), int(window)


def transient_key(address: str, now: float | None = None) -> str:
    """A cache key for one client in the current window, from which the address cannot be
    recovered without the site's secret, and which is different in the next window."""
    _count, window = rate_limit()
    period = int((now if now is not None else time.time()) // window)
    secret = hashlib.sha256(f"kommunwebb.forms.rate-limit:{settings.SECRET_KEY}".encode()).digest()
    digest = hmac.new(secret, f"{period}|{address}".encode(), hashlib.sha256).hexdigest()
    return f"cityforms:rate:{digest[:40]}"


def over_rate_limit(request, now: float | None = None) -> bool:
    """Count this attempt; True if the client has used up its allowance for the window.
    Without a reachable cache nothing is counted and nobody is over (security.counters)."""
    allowed, window = rate_limit()
    count = hit(cache, transient_key(client_id(request), now), window)
    return count is not None and count > allowed
