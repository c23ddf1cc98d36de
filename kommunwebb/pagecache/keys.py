"""The cache key of a request: host, path, normalised query and the page's variant (C2)."""

import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from .conf import setting


def _no_variant(request) -> str:
    return ""


_variant: Callable[..., str] = _no_variant


def register_variant(fn: Callable[..., str]):
    """``fn(request)`` names the variant of a public page this request gets, beyond its
    address: the consent app registers the consent state (C1), the one thing pages may differ
    by. It runs on every cache lookup, so it must be cheap; one function, set once at start."""
    global _variant
    if _variant is not _no_variant and _variant is not fn:
        raise RuntimeError(f"a page variant is already registered: {_variant!r}")
    _variant = fn
    return fn


def variant(request) -> str:
    return _variant(request)


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


def cache_key(request, variant: str) -> str:
    raw = "\n".join(
        (request.scheme, request.get_host(), request.path, normalised_query(request), variant)
    )
    return "pagecache:page:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
