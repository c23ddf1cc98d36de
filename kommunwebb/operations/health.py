"""``/healthz``: is this app server fit to take requests? For Varnish's health probes
(deploy/varnish/default.vcl.in) and for whatever else watches the servers (docs/scaling.md).

Answered by ``HealthCheckMiddleware`` near the top of the middleware chain, before the page
cache, sessions, host validation and the language prefix: a probe is a few bytes and a
database round trip, every second or two from every Varnish, and must not depend on the
Host header a load balancer happens to send. The answer says "ok" or what failed, never
anything about a visitor, and is never stored (``Cache-Control: no-store``); gunicorn does
not log the successful ones (kommunwebb/analytics/serving.py).

* The database must answer: without it this server cannot serve a page Varnish does not
  hold, and another server may still have a working connection. 503 if not.
* The cache (Redis in production) is checked and its state reported, but a cache that does
  not answer does not fail the probe: every server shares the one Redis, the site is built
  to work without it (pages are rendered, rate limits stop counting:
  kommunwebb/security/counters.py), and failing the probe would take every server out of
  Varnish at once, turning a slower site into one that serves only what Varnish holds.
"""

from __future__ import annotations

import secrets

from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpResponse

HEALTH_PATH = "/healthz"
CACHE_KEY = "kw:healthz"


def database_ok() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_ok() -> bool:
    """A value written and read back: django-redis swallows its errors (IGNORE_EXCEPTIONS),
    so a Redis that is down shows as a value that does not come back."""
    cache = caches["default"]
    token = secrets.token_hex(8)
    try:
        cache.set(CACHE_KEY, token, 30)
        return cache.get(CACHE_KEY) == token
    except Exception:  # noqa: BLE001 - any cache backend's failure means "not answering"
        return False


def health_response() -> HttpResponse:
    database = database_ok()
    cache = cache_ok()
    lines = [
        "ok" if database else "unhealthy",
        f"database {'ok' if database else 'unavailable'}",
        f"cache {'ok' if cache else 'unavailable'}",
    ]
    response = HttpResponse(
        "\n".join(lines) + "\n",
        status=200 if database else 503,
        content_type="text/plain; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    if not database:
        response["Retry-After"] = "5"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
