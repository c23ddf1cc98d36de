"""The production profile's HTTP cache: Varnish 7 with deploy/varnish/default.vcl.in in front of
gunicorn running the production settings, on loopback. Skips locally without Varnish; in CI
(which installs it) a skip fails."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kommunwebb.conftest import DEMO_ENV, need
from kommunwebb.consent.state import state_from
from kommunwebb.testing import services

ARTICLE = "/nyheter/gor-julen-mer-hallbar-pa-stadsbiblioteket/"
CRISIS = "/trygghet-och-sakerhet/trygghet/stod-vid-akuta-handelser/"
CONSENT_VERSION = 1
CONSENT_ID = "Abcdefghijklmnopqrstu_"
PURGE_SECRET = "purge-secret-for-tests"  # noqa: S105 - the test stack's own


def fetch(url, headers=None, method="GET"):
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


class Stack:
    """Varnish on one port, gunicorn (production settings, SQLite copy of the demo) on another."""

    def __init__(self, root: Path):
        self.root = root
        self.var = root / "var"
        self.app_port = services.free_port()
        self.varnish_port = services.free_port()
        self.url = f"http://127.0.0.1:{self.varnish_port}"
        self.env = {
            # Production settings switch to PostgreSQL when DATABASE_* is set, as it is in
            # CI's PostgreSQL pass; this stack serves its own SQLite copy of the demo.
            **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
            "DJANGO_SETTINGS_MODULE": "kommunwebb.settings.production",
            "DJANGO_SECRET_KEY": "varnish-test-only",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "KOMMUNWEBB_VAR_DIR": str(self.var),
            "KOMMUNWEBB_BASE_URL": self.url,
            "KOMMUNWEBB_VARNISH_URL": self.url,
            "KOMMUNWEBB_PURGE_SECRET": PURGE_SECRET,
            "KOMMUNWEBB_WARM_PATHS": CRISIS,
            "KOMMUNWEBB_CONSENT_POLICY_VERSION": str(CONSENT_VERSION),
            "PYTHONUNBUFFERED": "1",
        }
        self.app = None

    def start_app(self):
        self.app = services.start_app(
            self.app_port, self.env, self.root / "app.pid", self.root / "app.log", workers=2
        )

    def stop_app(self):
        services.stop_pidfile(self.root / "app.pid")

    def start_varnish(self):
        self.manage("render_error_pages", self.root / "errors")
        services.start_varnish(
            services.reachable_dir(self.root / "varnish"),
            self.varnish_port,
            self.app_port,
            consent_version=CONSENT_VERSION,
            storage="malloc,64m",
            purge_secret=PURGE_SECRET,
            client_secret="client-hash-secret-for-tests",
            error_pages=self.root / "errors",
        )

    def manage(self, *args):
        return services.manage(*args, env=self.env).stdout

    def publish_lead(self, slug, lead):
        self.manage(
            "shell",
            "-c",
            "from kommunwebb.news.models import NewsArticlePage\n"
            f"page = NewsArticlePage.objects.get(slug={slug!r})\n"
            f"page.lead = {lead!r}\n"
            "page.save_revision().publish()\n",
        )


@pytest.fixture(scope="module")
def stack(demo_server):
    need(services.varnish_available(), "Varnish is not installed (apt-get install varnish)")
    import tempfile

    # Under /tmp with traversable modes: Varnish's own users must reach its working directory.
    root = Path(tempfile.mkdtemp(prefix="kommunwebb-varnish-test-"))
    services.reachable_dir(root)
    stack = Stack(root)
    source = Path(DEMO_ENV["KOMMUNWEBB_VAR_DIR"])
    stack.var.mkdir()
    with (
        sqlite3.connect(source / "db.sqlite3") as live,
        sqlite3.connect(stack.var / "db.sqlite3") as copy,
    ):
        live.backup(copy)
    shutil.copytree(source / "static", stack.var / "static")
    shutil.copytree(source / "media", stack.var / "media", dirs_exist_ok=True)
    try:
        stack.start_app()
        stack.start_varnish()
        yield stack
    finally:
        stack.stop_app()
        services.stop_varnish(root / "varnish")
        shutil.rmtree(root, ignore_errors=True)


def test_second_request_is_a_varnish_hit(stack):
    status, headers, first = fetch(stack.url + ARTICLE)
    assert status == 200
    status, headers, second = fetch(stack.url + ARTICLE)
    assert headers["X-Cache"] == "hit"
    assert second == first
    assert "Cookie" in headers["Vary"]  # restored for caches further down the line
    assert "xkey" not in {name.lower() for name in headers}


@pytest.mark.parametrize(
    ("cookie", "headers"),
    [
        (None, {}),
        (f"s.{CONSENT_VERSION}.{CONSENT_ID}", {}),
        (f"n.{CONSENT_VERSION}.{CONSENT_ID}", {}),
        (f"s.{CONSENT_VERSION + 1}.{CONSENT_ID}", {}),  # an older policy: asked again
        (f"s.{CONSENT_VERSION + 1}.{CONSENT_ID}", {"Sec-GPC": "1"}),
        (None, {"DNT": "1"}),
        (None, {"Sec-GPC": " 1 "}),
        ("s.1.tooshort", {}),
        (f"n.{CONSENT_VERSION}.{CONSENT_ID}", {"Sec-GPC": "1"}),
    ],
)
def test_varnish_keys_on_the_same_consent_state_as_the_app(stack, cookie, headers):
    """The VCL's copy of contract C1 agrees with kommunwebb.consent.state, case by case:
    the app renders for its own idea of the state, Varnish stores under its own; a copy
    rendered for one state must only ever be served to the same state."""
    request_headers = dict(headers)
    if cookie:
        request_headers["Cookie"] = f"csrftoken=abc; kw_consent={cookie}; other=1"
    expected = state_from(cookie, headers, CONSENT_VERSION)
    status, response_headers, _ = fetch(stack.url + ARTICLE, request_headers)
    assert status == 200
    assert response_headers["X-KW-Consent"] == expected


def test_editors_pass_straight_to_the_app(stack):
    fetch(stack.url + ARTICLE)
    for _ in range(2):
        status, headers, _ = fetch(stack.url + ARTICLE, {"Cookie": "sessionid=whatever"})
        assert headers["X-Cache"] == "miss"
    status, headers, _ = fetch(stack.url + "/admin/login/")
    assert headers["X-Cache"] == "miss"
    assert "no-cache" in headers["Cache-Control"]


def test_publishing_purges_varnish_and_warms_the_crisis_page(stack):
    search = "/sok/?q=julmarknad"
    for path in (ARTICLE, search):
        fetch(stack.url + path)
        assert fetch(stack.url + path)[1]["X-Cache"] == "hit"
    stack.publish_lead(ARTICLE.strip("/").split("/")[-1], "Julmarknaden flyttar till torget.")
    status, headers, html = fetch(stack.url + ARTICLE)
    assert "Julmarknaden flyttar till torget." in html
    # Searches are purged with the pages: the next one is rendered again.
    assert fetch(stack.url + search)[1]["X-Cache"] == "miss"
    # The warmer fetched the crisis page in every consent state right after the purge.
    for extra in ({}, {"DNT": "1"}, {"Cookie": f"kw_consent=s.{CONSENT_VERSION}.{CONSENT_ID}"}):
        deadline = time.monotonic() + 10
        while True:
            status, headers, _ = fetch(stack.url + CRISIS, extra)
            if headers["X-Cache"] == "hit" or time.monotonic() > deadline:
                break
        assert (status, headers["X-Cache"]) == (200, "hit")


def hit_log(stack) -> subprocess.CompletedProcess:
    """What the production profile's hit counter reads (services.hit_log_command), so far."""
    return subprocess.run(
        [*services.hit_log_command(stack.root / "varnish"), "-d"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )


def test_hits_are_logged_for_analytics_without_the_client_address(stack):
    # In the cache first (a miss is the app's to count), whatever ran before.
    fetch(stack.url + ARTICLE, {"User-Agent": "Kommunwebb-cache-warmer/1.0 (bot)"})
    fetch(stack.url + ARTICLE, {"User-Agent": "Mozilla/5.0 (Android 14; Mobile)"})
    fetch(
        stack.url + ARTICLE,
        {"User-Agent": "Mozilla/5.0 (Android 14; Mobile)", "Referer": "https://example.se/x"},
    )
    # A prefetch and the warmer are not page views.
    fetch(stack.url + ARTICLE, {"User-Agent": "Mozilla/5.0 (X11)", "Sec-Purpose": "prefetch"})
    fetch(stack.url + ARTICLE, {"User-Agent": "Kommunwebb-cache-warmer/1.0 (bot)"})
    name = str(services.varnish_name(stack.root / "varnish"))
    result = hit_log(stack)
    records = [line.split(None, 3)[3] for line in result.stdout.splitlines() if line.strip()]
    # Searches have their own records (test_a_search_varnish_answers_is_counted_once).
    records = [record for record in records if not record.startswith("kws\t")]
    assert f"kw\t{ARTICLE}\thttps://example.se/x\tMozilla/5.0 (Android 14; Mobile)" in records
    assert not [r for r in records if "X11" in r or "warmer" in r or not r.startswith("kw\t")]
    # The production profile's pipe: these records, counted by the ingest in one block.
    counted = services.manage(
        "ingest_pageviews", "--varnishlog", env=stack.env, input=result.stdout
    ).stdout
    numbers = re.search(r"Counted (\d+) page views; ignored (\d+) lines", counted).groups()
    views, ignored = map(int, numbers)
    assert views + ignored == len(records)
    assert views >= sum("Android 14" in r for r in records) >= 2
    raw = subprocess.run(
        ["varnishlog", "-n", name, "-d", "-g", "raw"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    # The only 127.0.0.1 in Varnish's log is the backend's own address.
    for line in raw.splitlines():
        if "127.0.0.1" in line:
            assert "Backend" in line or "xkey" in line or "Host" in line, line


SEARCH = "/sok/?q=Simhallens+%C3%B6ppettider"


def searches_counted(stack, query: str) -> int:
    from kommunwebb.search.models import SearchQueryDay

    table = SearchQueryDay._meta.db_table
    with sqlite3.connect(stack.var / "db.sqlite3") as db:
        row = db.execute(f"SELECT SUM(count) FROM {table} WHERE query = ?", (query,)).fetchone()  # noqa: S608 - the model's own table
    return row[0] or 0


def test_a_search_varnish_answers_is_counted_once(stack):
    """The search page is cached like a page (campaign tags dropped, parameters sorted); the
    app counts the search it rendered, the VCL logs the one it answered for
    `ingest_pageviews --varnishlog`, which counts it for the editors' statistics: two
    searches, counted twice."""
    query = "simhallens öppettider"
    status, first_headers, first = fetch(stack.url + SEARCH + "&utm_source=nyhetsbrev")
    assert (status, first_headers["X-Cache"]) == (200, "miss")
    status, headers, second = fetch(stack.url + "/sok/?utm_medium=x&" + SEARCH.split("?")[1])
    assert (status, headers["X-Cache"]) == (200, "hit")
    assert second == first
    assert "X-KW-Search-Stats" not in headers and "X-KW-Search-Stats" not in first_headers
    deadline = time.monotonic() + 15
    while searches_counted(stack, query) < 1 and time.monotonic() < deadline:
        time.sleep(0.2)  # the app writes its counts every 2 s
    assert searches_counted(stack, query) == 1
    log = hit_log(stack).stdout
    records = [line for line in log.splitlines() if " kws\t/sok/?q=Simhallens" in line]
    # The address as stored (no campaign tag) and the app's counts; nothing about the visitor.
    assert len(records) == 1, records
    assert re.search(r" kws\t/sok/\?q=Simhallens\+%C3%B6ppettider\t\d+ [01]$", records[0])
    counted = services.manage(
        "ingest_pageviews", "--varnishlog", env=stack.env, input="\n".join(records) + "\n"
    ).stdout
    assert "counted 1 kws records" in counted
    assert searches_counted(stack, query) == 2


SCHEDULE_LEAD = """
import json
from datetime import timedelta
from django.utils import timezone
from kommunwebb.news.models import NewsArticlePage

page = NewsArticlePage.objects.get(slug=SLUG)
page.lead = LEAD
page.go_live_at = timezone.now() + timedelta(seconds=AHEAD)
page.save_revision().publish()
print(json.dumps(page.go_live_at.timestamp()))
"""


def test_a_scheduled_change_reaches_varnish_at_its_moment(stack):
    """The production settings' task worker publishes a scheduled revision on time, and the
    purge it sends makes Varnish fetch the new page (docs/operations.md)."""
    import json

    worker = services.spawn(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"],
        stack.root / "worker.pid",
        stack.root / "worker.log",
        env=stack.env,
    )
    try:
        slug = ARTICLE.strip("/").split("/")[-1]
        lead = "Julmarknaden öppnar en timme tidigare i år."
        script = (
            SCHEDULE_LEAD.replace("SLUG", repr(slug))
            .replace("LEAD", repr(lead))
            .replace("AHEAD", "20")
        )
        moment = json.loads(stack.manage("shell", "-v", "0", "-c", script))
        assert time.time() < moment, "the machine was too slow to schedule ahead"
        fetch(stack.url + ARTICLE)
        status, headers, html = fetch(stack.url + ARTICLE)
        assert headers["X-Cache"] == "hit" and lead not in html
        while lead not in fetch(stack.url + ARTICLE)[2]:
            assert time.time() < moment + 60, (stack.root / "worker.log").read_text()[-3000:]
            time.sleep(0.25)
        assert time.time() >= moment
    finally:
        services.stop_pidfile(stack.root / "worker.pid")
        worker.wait(timeout=30)


def test_cached_pages_are_served_while_the_app_is_stopped(stack):
    """Last in this module: it stops the app server."""
    status, _, fresh = fetch(stack.url + ARTICLE)
    assert status == 200
    fetch(stack.url + CRISIS)
    search = fetch(stack.url + SEARCH)[2]
    # A publish soft-purges everything: copies go stale but stay in grace.
    purge = {"X-Xkey-Purge": "kw-all", "X-KW-Purge-Secret": PURGE_SECRET}
    assert fetch(stack.url + "/", purge, method="PURGE")[0] == 200
    stack.stop_app()
    assert not services.port_open(stack.app_port)
    status, headers, stale = fetch(stack.url + ARTICLE)
    assert status == 200
    assert stale == fresh
    status, _, crisis = fetch(stack.url + CRISIS)
    assert status == 200
    assert "<h1" in crisis
    # So is a search (its lookup again with grace, after the restarts of a search miss).
    status, _, stale_search = fetch(stack.url + SEARCH)
    assert (status, stale_search) == (200, search)
    # A page Varnish never had cannot be conjured up: the Swedish 503 page says so.
    status, headers, html = fetch(stack.url + "/finns-inte-i-cachen/")
    assert status == 503
    assert "tillfälligt otillgänglig" in html
    assert headers["Retry-After"] == "30"
