"""Failure behaviour of the production profile, tested by stopping real services that this
module starts itself: PostgreSQL 15, Redis 7, gunicorn (production settings) and Varnish 7
with deploy/varnish/default.vcl.in, all on loopback ports of their own.

* Redis down: pages, the consent choice and forms keep working; the rate limits do not
  count while it is down (kommunwebb/security/counters.py).
* PostgreSQL restarted: no request fails afterwards (``CONN_HEALTH_CHECKS``).
* PostgreSQL down: every variant Varnish holds (consent states, DNT/GPC, ignored campaign
  parameters) is still served; a page it does not hold is the Swedish 503 with Retry-After.

Skips locally without the services; in CI (which installs them) a skip fails."""

import re
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kommunwebb.conftest import need
from kommunwebb.testing import services, snapshots

ARTICLE = "/nyheter/gor-julen-mer-hallbar-pa-stadsbiblioteket/"
CONTACT_FORM = "/kontakt/"
CONSENT_ID = "Abcdefghijklmnopqrstu_"
PURGE_SECRET = "failure-test-purge-secret"  # noqa: S105 - the test stack's own

VARIANTS = {
    "no choice": {},
    "statistics": {"Cookie": f"kw_consent=s.1.{CONSENT_ID}"},
    "necessary only": {"Cookie": f"kw_consent=n.1.{CONSENT_ID}"},
    "Do Not Track": {"DNT": "1"},
    "Global Privacy Control": {"Sec-GPC": "1"},
}
CAMPAIGN = "?utm_source=nyhetsbrev&utm_medium=epost"
# Its own PostgreSQL, Redis, gunicorn and Varnish, whatever the suite's database.
pytestmark = pytest.mark.own_stack


def get(url, headers=None, opener=None, data=None):
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    open_ = (opener or urllib.request.build_opener()).open
    try:
        with open_(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


class Stack:
    def __init__(self, root: Path):
        self.root = root
        self.pg_port, self.redis_port, self.app_port, self.varnish_port, self.files_port = (
            services.free_port() for _ in range(5)
        )
        self.app = f"http://127.0.0.1:{self.app_port}"
        self.edge = f"http://127.0.0.1:{self.varnish_port}"
        self.env = {
            **{
                k: v
                for k, v in __import__("os").environ.items()
                if not k.startswith(("DATABASE_", "DJANGO_", "KOMMUNWEBB_"))
            },
            "DJANGO_SETTINGS_MODULE": "kommunwebb.settings.production",
            "DJANGO_SECRET_KEY": "failure-test-only-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_NAME": "kommunwebb",
            "DATABASE_USER": "kommunwebb",
            "DATABASE_HOST": "127.0.0.1",
            "DATABASE_PORT": str(self.pg_port),
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}",
            "KOMMUNWEBB_VAR_DIR": str(root / "var"),
            "KOMMUNWEBB_BASE_URL": self.edge,
            "KOMMUNWEBB_VARNISH_URL": self.edge,
            "KOMMUNWEBB_PURGE_SECRET": PURGE_SECRET,
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args):
        return services.manage(*args, env=self.env).stdout

    def start(self):
        services.start_postgresql(self.root / "pg", self.pg_port, fast=True)
        services.ensure_database(self.root / "pg", self.pg_port, "kommunwebb", "kommunwebb")
        services.start_redis(self.root / "redis", self.redis_port, maxmemory="64mb")
        (self.root / "var").mkdir()
        # The session's migrated snapshot restored (kommunwebb/testing/snapshots.py).
        snapshots.migrated_postgresql(self.env)
        self.manage("load_demo_data")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("render_error_pages", self.root / "errors")
        # The static copies of the crisis pages (alerts/fallback.py), as the profile serves them.
        (self.root / "var" / "fallback").mkdir()
        services.start_nginx(self.root / "files", self.files_port, self.root / "var" / "fallback")
        services.start_app(
            self.app_port, self.env, self.root / "app.pid", self.root / "app.log", workers=2
        )
        services.start_varnish(
            services.reachable_dir(self.root / "varnish"),
            self.varnish_port,
            self.app_port,
            storage="malloc,64m",
            purge_secret=PURGE_SECRET,
            client_secret="failure-test-client-secret",
            error_pages=self.root / "errors",
            fallback_port=self.files_port,
        )

    def stop(self):
        services.stop_pidfile(self.root / "app.pid")
        services.stop_nginx(self.root / "files")
        services.stop_varnish(self.root / "varnish")
        services.stop_redis(self.root / "redis")
        services.stop_postgresql(self.root / "pg")

    def stop_postgresql(self):
        services.stop_postgresql(self.root / "pg")
        assert not services.port_open(self.pg_port)

    def start_postgresql(self):
        services.start_postgresql(self.root / "pg", self.pg_port, fast=True)


@pytest.fixture(scope="module")
def stack(django_db_setup):
    # django_db_setup: the suite's database is migrated first, and kept as the snapshot
    # this stack's PostgreSQL restores (kommunwebb/testing/snapshots.py).
    need(
        services.postgresql_available()
        and services.redis_available()
        and services.varnish_available()
        and shutil.which("nginx") is not None,
        "PostgreSQL 15, Redis, Varnish and nginx are needed (apt-get install postgresql "
        "redis-server varnish varnish-modules nginx)",
    )
    root = Path(tempfile.mkdtemp(prefix="kommunwebb-failure-test-"))
    services.reachable_dir(root)
    stack = Stack(root)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_with_redis_down_pages_consent_and_forms_keep_working(stack):
    services.stop_redis(stack.root / "redis")
    assert not services.port_open(stack.redis_port)
    try:
        for path in ("/", ARTICLE, "/sok/?q=skola", CONTACT_FORM):
            status, _, html = get(stack.app + path)
            assert status == 200, (path, status, html[-500:])
        # The consent choice (no CSRF token: it is checked by origin).
        status, headers, _ = get(
            stack.app + "/samtycke/",
            {"Origin": stack.app, "Accept": "text/html"},
            data=b"choice=necessary&next=/",
        )
        assert status in (200, 303), status
        # A form: shown, then sent a few seconds later, as a person would. (The CSRF
        # cookie is Secure in production; over loopback http it is sent back by hand.)
        status, headers, html = get(stack.app + CONTACT_FORM)
        assert status == 200
        csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
        fields = dict(
            re.findall(r'name="(csrfmiddlewaretoken|kw_form_token)" value="([^"]+)"', html)
        )
        time.sleep(3.5)  # the form's minimum fill time
        body = urllib.parse.urlencode(
            {
                **fields,
                # The demo's contact form (kommunwebb/demo/form_pages.py).
                "ditt_namn": "Anna Andersson",
                "e_postadress": "anna@example.se",
                "vad_galler_fragan": "Annat",
                "din_fraga": "Hej! Fungerar formuläret utan Redis?",
            }
        ).encode()
        status, _, html = get(
            stack.app + CONTACT_FORM,
            {
                "Cookie": f"csrftoken={csrf_cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            data=body,
        )
        summary = re.search(r"<h1.*?</h1>|error-summary.*?</ul>|alert.*?</p>", html, re.S)
        assert status == 200, (status, summary and summary.group(0))
        assert "KW-" in html  # the receipt's reference number
    finally:
        services.start_redis(stack.root / "redis", stack.redis_port, maxmemory="64mb")


def test_no_request_fails_after_postgresql_restarts(stack):
    for _ in range(4):  # every worker holds a connection
        assert get(stack.app + "/sok/?q=skola")[0] == 200
    stack.stop_postgresql()
    stack.start_postgresql()
    statuses = [get(stack.app + f"/sok/?q=skola&n={n}")[0] for n in range(12)]
    assert statuses == [200] * 12


def test_with_postgresql_down_every_cached_variant_is_served(stack):
    """It leaves PostgreSQL stopped (the next test starts it again)."""
    before = {}
    for name, headers in VARIANTS.items():
        for suffix in ("", CAMPAIGN):
            get(stack.edge + ARTICLE + suffix, headers)
            status, response_headers, html = get(stack.edge + ARTICLE + suffix, headers)
            assert status == 200
            assert response_headers["X-Cache"] == "hit", (name, suffix)
            before[name, suffix] = html
    stack.stop_postgresql()
    for (name, suffix), html in before.items():
        status, _, now = get(stack.edge + ARTICLE + suffix, VARIANTS[name])
        assert status == 200, (name, suffix)
        assert now == html
    # A page nobody asked for before: the app answers 503 in Swedish, and says when to retry.
    for base in (stack.edge, stack.app):
        status, headers, html = get(base + "/trygghet/")
        assert status == 503, base
        assert int(headers["Retry-After"]) > 0
        assert "tillfälligt otillgänglig" in html
        assert "Server Error" not in html


PUBLISH_CRISIS = """
from kommunwebb.alerts.models import Crisis
crisis = Crisis.objects.create(
    title="Storm över Sundhamn", happened="Träd har fallit över vägar och ledningar.",
    what_to_do="Stanna inomhus.", help="Kommunens kundtjänst: 040-628 04 00", live=False,
)
crisis.save_revision().publish()
"""


def test_with_the_app_and_postgresql_down_the_crisis_page_is_the_last_published(stack):
    """Issue 13, part 8: no app, no database and no copy in Varnish, and still the crisis
    text of the last publish, from the static copy the publish wrote. Last of all: it leaves
    the app stopped too."""
    if not services.port_open(stack.pg_port):
        stack.start_postgresql()
    stack.manage("shell", "-c", PUBLISH_CRISIS)
    services.stop_pidfile(stack.root / "app.pid")
    stack.stop_postgresql()
    assert not services.port_open(stack.app_port)
    # Never asked for through Varnish before: no copy of it there.
    status, headers, html = get(stack.edge + "/kris/")
    assert status == 200
    assert headers["X-KW-Fallback"] == "1"
    assert headers["Cache-Control"] == "no-store"
    assert "Storm över Sundhamn" in html and "Stanna inomhus." in html
    # An address without a copy is still the Swedish 503.
    status, _, html = get(stack.edge + "/ingen-sadan-sida/")
    assert status == 503
    assert "tillfälligt otillgänglig" in html
