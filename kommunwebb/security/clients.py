"""Who is asking, as the rate limits see it, without ever knowing an address.

Behind Varnish (the production profile) every request comes from 127.0.0.1; Varnish sends a
keyed hash of the real client address in ``X-KW-Client`` instead (deploy/varnish/), and the
address itself never reaches the app. The header is believed only from the configured
proxies (``KOMMUNWEBB_TRUSTED_PROXIES``, loopback by default): from anyone else it is
ignored and the connecting address is used. Whatever this returns is only ever an HMAC
input for a counter (``transient_key``), never stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

HEADER = "HTTP_X_KW_CLIENT"
# What Varnish sends: hex of an HMAC-SHA256 (deploy/varnish/default.vcl.in).
_CLIENT_TOKEN = re.compile(r"^[0-9a-f]{16,128}$")
DEFAULT_TRUSTED = ("127.0.0.1", "::1")


def trusted_proxies() -> tuple[str, ...]:
    return tuple(getattr(settings, "KOMMUNWEBB_TRUSTED_PROXIES", DEFAULT_TRUSTED))


def client_id(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in trusted_proxies():
        token = request.META.get(HEADER, "").strip().lower()
        if _CLIENT_TOKEN.match(token):
            return "v:" + token
    return "a:" + remote


def transient_key(scope: str, value: str, window: int, secret: bytes | None = None) -> str:
    """A cache key for ``value`` in time window ``window``: an HMAC that cannot be turned
    back into ``value`` without the secret, and differs from one window to the next."""
    if secret is None:
        secret = hashlib.sha256(f"kommunwebb.throttle:{settings.SECRET_KEY}".encode()).digest()
    digest = hmac.new(secret, f"{scope}|{window}|{value}".encode(), hashlib.sha256).hexdigest()
    return f"kw-th:{scope}:{digest[:40]}"
