"""The cache key of a request: host, path, normalised query and consent state (C2)."""

import hashlib
from urllib.parse import urlencode

from .conf import setting

_consent_state = None


def consent_state(request) -> str:
    """C1's state, or "unset" while the consent app is not installed."""
    global _consent_state
    if _consent_state is None:
        try:
            from kommunwebb.consent.state import consent_state as state_of
        except ImportError:

            def state_of(request):
                return "unset"

        _consent_state = state_of
    return _consent_state(request)


def normalised_query(request) -> str:
    """Parameters sorted, campaign tags dropped: ?b=2&a=1&utm_source=x is ?a=1&b=2."""
    if not request.META.get("QUERY_STRING"):
        return ""
    ignored = setting("IGNORED_PARAMS")
    pairs = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not name.startswith(ignored)
        for value in values
    )
    return urlencode(pairs)


def cache_key(request, state: str) -> str:
    raw = "\n".join(
        (request.scheme, request.get_host(), request.path, normalised_query(request), state)
    )
    return "pagecache:page:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
