"""The WSGI fast path (fastpath.py) answers a cache hit exactly as the middleware does.

Each test stores a page through Django's own handler, then asks the same question of the
fast path and of Django's handler with the fast path out of the way, and compares status,
every header and the bytes; and checks that the fast path really did answer by itself
(Django's handler was not called) or, for anything but a hit, really did hand over.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

from kommunwebb.pagecache.fastpath import PageCacheFastPath
from kommunwebb.pagecache.signals import page_served

pytestmark = pytest.mark.django_db

CONSENT_ID = "Abcdefghijklmnopqrstu_"


class Spy:
    """Django's handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def apps(pagecache, home):
    # As Django's test client does: the test's transaction is not the request's to close.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    spy = Spy()
    # Every answer in a test is made at the same instant, so max-age and s-maxage agree.
    with time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), tick=False):
        yield spy, PageCacheFastPath(spy)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def call(app, path, method="GET", **headers):
    environ = RequestFactory().generic(method, path, headers=headers).environ
    seen = {}

    def start_response(status, response_headers):
        seen["status"], seen["headers"] = status, response_headers

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()
    return seen["status"], sorted(seen["headers"]), body


def served_signals():
    sent = []

    def receiver(sender, request, response, hit, **kwargs):
        sent.append((request.path, response.status_code, hit))

    page_served.connect(receiver)
    return sent, receiver


VARIANTS = {
    "unset": {},
    "statistics": {"Cookie": f"kw_consent=s.1.{CONSENT_ID}; other=1"},
    "necessary": {"Cookie": f"kw_consent=n.1.{CONSENT_ID}"},
    "dnt": {"DNT": "1"},
    "gpc": {"Sec-GPC": "1"},
    "old policy version": {"Cookie": f"kw_consent=s.0.{CONSENT_ID}"},
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_hit_is_the_middlewares_hit_in_every_consent_variant(apps, home, variant):
    spy, fast = apps
    headers = VARIANTS[variant]
    status, stored_headers, stored = call(spy, home.url, **headers)
    assert status == "200 OK" and ("X-Page-Cache", "miss") in stored_headers
    sent, receiver = served_signals()
    try:
        by_django = call(spy, home.url, **headers)
        before = spy.calls
        by_fast_path = call(fast, home.url, **headers)
    finally:
        page_served.disconnect(receiver)
    assert spy.calls == before, "the fast path answered without Django's handler"
    assert ("X-Page-Cache", "hit") in by_fast_path[1]
    assert by_fast_path == by_django
    assert by_fast_path[2] == stored
    # The statistics see the same: one hit each.
    assert sent == [(home.url, 200, True), (home.url, 200, True)]


def test_head_and_a_normalised_query_are_answered_alike(apps, home):
    spy, fast = apps
    call(spy, home.url + "?b=2&a=1")
    for method, url in (("HEAD", home.url + "?b=2&a=1"), ("GET", home.url + "?a=1&utm_x=1&b=2")):
        before = spy.calls
        by_fast_path = call(fast, url, method)
        assert spy.calls == before
        assert by_fast_path == call(spy, url, method)
        assert ("X-Page-Cache", "hit") in by_fast_path[1]


@pytest.mark.parametrize(
    "path, headers, method",
    [
        # A login session, credentials: neither answered from the cache nor stored.
        ("{home}", {"Cookie": "sessionid=abc"}, "GET"),
        ("{home}", {"Authorization": "Basic eDp5"}, "GET"),
        ("{home}", {}, "POST"),
        # Refused by the request guard or by Django although the key would hit: the
        # campaign tag is not part of the key, but a NUL or an over-long address is refused.
        ("{home}?utm_source=%00", {}, "GET"),
        ("{home}?utm_source=" + "x" * 5000, {}, "GET"),
        ("{home}", {"Host": "evil.example"}, "GET"),
        # Never looked up.
        ("/sok/", {}, "GET"),
        ("/finns-inte/", {}, "GET"),
    ],
)
def test_what_is_not_a_hit_goes_to_django_and_is_answered_alike(
    apps, home, settings, path, headers, method
):
    spy, fast = apps
    settings.ALLOWED_HOSTS = ["testserver"]
    url = path.format(home=home.url)
    call(spy, home.url)
    call(spy, url, method, **headers)
    before = spy.calls
    by_fast_path = call(fast, url, method, **headers)
    assert spy.calls == before + 1, "handed to Django"
    assert by_fast_path[0] == call(spy, url, method, **headers)[0]
    assert ("X-Page-Cache", "hit") not in by_fast_path[1]


def test_with_the_cache_switched_off_django_answers(apps, home, settings):
    spy, fast = apps
    call(spy, home.url)
    settings.PAGECACHE_ENABLED = False
    before = spy.calls
    status, headers, _ = call(fast, home.url)
    assert spy.calls == before + 1
    assert status == "200 OK"


def test_a_published_change_is_a_miss_on_the_fast_path(apps, home, commit):
    spy, fast = apps
    call(spy, home.url)
    with commit():
        home.title = "Välkommen till kommunen"
        home.save_revision().publish()
    before = spy.calls
    status, headers, body = call(fast, home.url)
    assert spy.calls == before + 1
    assert ("X-Page-Cache", "miss") in headers
    assert "Välkommen till kommunen".encode() in body


def test_a_health_probe_is_answered_once_with_one_query(apps, monkeypatch):
    """/healthz is answered by a middleware in front of the page cache
    (operations/health.py). The fast path ran it, saw no hit and handed the request to
    Django, which ran it again: two database round trips and two cache writes per probe,
    every second from every Varnish."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kommunwebb.operations import health

    spy, fast = apps
    answered = []

    def counted():
        answered.append(1)
        return health_response()

    health_response = health.health_response
    monkeypatch.setattr(health, "health_response", counted)
    before = spy.calls
    with CaptureQueriesContext(connection) as queries:
        status, _, body = call(fast, "/healthz")
    assert status == "200 OK"
    assert body.decode().splitlines()[0] == "ok"
    assert len(answered) == 1
    assert [q["sql"] for q in queries.captured_queries] == ["SELECT 1"]
    assert spy.calls == before + 1
