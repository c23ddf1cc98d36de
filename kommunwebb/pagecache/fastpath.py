"""Cache hits answered in front of Django's request handling (the embedded profile's spike).

``PageCacheFastPath`` wraps the WSGI application (kommunwebb/wsgi.py). For a ``GET`` or
``HEAD`` it makes the request object and runs only what a cache hit runs anyway: the
middlewares listed before ``PageCacheMiddleware`` in ``settings.MIDDLEWARE`` (the
Content-Security-Policy, the request guard, the beacon), around the page cache's own
``lookup``, the same function the middleware answers hits with. So a hit carries the same
status, headers, Vary and consent variant, and sends the same ``page_served`` signal; the
tests in tests/test_fastpath.py compare the two answer by answer.

What it leaves out is Django's handler around the middleware stack: the stack of
exception-converting wrappers, the URL configuration switch and, above all, nothing below
the cache runs or is even called. Anything that is not a hit (a miss, a login session, a
refused request, a disallowed host, any error) goes to Django untouched, which answers it as
it always has; the request is then made a second time, which costs microseconds against a
render. What cannot be a hit at all (not an anonymous candidate: a login session, the admin,
search, ``/healthz``) is handed over before any middleware runs here.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest, get_script_name
from django.urls import set_script_prefix
from django.utils.module_loading import import_string

from .conf import setting
from .middleware import is_anonymous_candidate, lookup

logger = logging.getLogger(__name__)

MIDDLEWARE = "kommunwebb.pagecache.middleware.PageCacheMiddleware"


class _NotAHit(Exception):
    pass


def _answer_from_cache(request):
    if not is_anonymous_candidate(request) or not setting("ENABLED"):
        raise _NotAHit
    response = lookup(request)[0]
    if response is None:
        raise _NotAHit
    request._pagecache_fast_hit = response
    return response


class PageCacheFastPath:
    def __init__(self, application):
        self.application = application
        self.chain = None
        if MIDDLEWARE in settings.MIDDLEWARE:
            outer = settings.MIDDLEWARE[: settings.MIDDLEWARE.index(MIDDLEWARE)]
            chain = _answer_from_cache
            for path in reversed(outer):
                chain = import_string(path)(chain)
            self.chain = chain

    def __call__(self, environ, start_response):
        if self.chain is None or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        response = self.hit(environ)
        if response is None:
            return self.application(environ, start_response)
        # As WSGIHandler ends a request: its resources closed with the response, whose
        # close() sends request_finished.
        response._handler_class = WSGIHandler
        response._resource_closers.append(response._fast_request.close)
        del response._fast_request
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(
            status,
            [
                *response.items(),
                *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
            ],
        )
        return response

    def hit(self, environ):
        """The answer to ``environ`` from the cache, through the outer middlewares, or
        None for anything else."""
        set_script_prefix(get_script_name(environ))
        request = WSGIRequest(environ)
        # What can never be a hit goes to Django at once: the outer middlewares would
        # otherwise run twice, here and in Django's chain. For /healthz, which one of them
        # answers, that was two database round trips and two cache writes per probe.
        if not is_anonymous_candidate(request) or not setting("ENABLED"):
            return None
        try:
            response = self.chain(request)
        except _NotAHit:
            return None
        except Exception:
            # Django answers it, with its own error handling and logging.
            logger.debug("page cache fast path: left to Django", exc_info=True)
            return None
        if getattr(request, "_pagecache_fast_hit", None) is not response:
            # An outer middleware answered by itself (a refused request): Django's job.
            return None
        signals.request_started.send(sender=WSGIHandler, environ=environ)
        response._fast_request = request
        return response
