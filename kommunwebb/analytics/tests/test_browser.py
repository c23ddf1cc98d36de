"""Statistics in real headless Chromium against the demo site as `make run` serves it:
no beacon before consent or after declining; after accepting, the visitor cookie and a
beacon whose LCP lands in the database; the client's address nowhere; the dashboard."""

import contextlib
import re
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp

from kommunwebb.conftest import DEMO_ENV

pytestmark = pytest.mark.browser

BEACON = "/statistik/beacon"
STATS_JS = re.compile(r"/js/stats\.(?:[0-9a-f]+\.)?js")  # hashed by the manifest storage
# Headless Chromium says so in its user agent and is rightly not counted: browse as a
# person's browser would.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
# A distinct loopback address the traffic comes from; built so that this file does not
# itself contain it.
CLIENT_ADDRESS = ".".join(["127", "0", "0", "77"])
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def var_dir() -> Path:
    return Path(DEMO_ENV["KOMMUNWEBB_VAR_DIR"])


def query(sql, params=()):
    connection = sqlite3.connect(f"file:{var_dir() / 'db.sqlite3'}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def wait_for(predicate, timeout=15.0):
    """The server writes statistics from a buffer every two seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.25)


@pytest.fixture(scope="module")
def browser(chromium):
    """Chromium as a person's browser: Playwright's per-context user agent does not reach
    beacons sent while a page unloads, so the user agent is set for the whole browser."""
    from kommunwebb.conftest import CHROMIUM

    browser = chromium.browser_type.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-agent={USER_AGENT}"],
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def wait_for_consent_cookie(context, choice: str = "s", timeout: float = 15):
    """Until the consent cookie holds the choice (``s`` statistics, ``n`` only the
    necessary; read from Python: a string for ``wait_for_function`` would be evaluated in
    the page, which its CSP refuses)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(
            c["name"] == "kw_consent" and c["value"].startswith(choice) for c in context.cookies()
        ):
            return
        time.sleep(0.1)
    raise AssertionError(f"no consent cookie with the choice {choice!r}")


def beacons_served() -> int:
    """Beacons the server answered, from its access log: beacons sent while a page unloads
    are invisible to Playwright's request events."""
    log = (var_dir() / "server.log").read_text(errors="replace")
    return log.count(f'"POST {BEACON}"')


def cookie_names(context):
    return {cookie["name"] for cookie in context.cookies()}


def leave(page, base):
    """Going to another page hides this one: the moment stats.js sends its beacon."""
    page.goto(base + "/om-webbplatsen/")


def test_no_beacon_and_no_statistics_cookie_before_a_choice(page, context, demo_server):
    before = beacons_served()
    page.goto(demo_server + "/nyheter/")
    leave(page, demo_server)
    page.goto(demo_server + "/")
    page.wait_for_timeout(1000)
    assert beacons_served() == before
    assert "kw_vid" not in cookie_names(context)


def test_declining_sends_no_beacon_and_sets_no_visitor_cookie(page, context, demo_server):
    before = beacons_served()
    page.goto(demo_server + "/nyheter/")
    page.get_by_role("button", name="Endast nödvändiga").click()
    wait_for_consent_cookie(context, "n")
    leave(page, demo_server)
    page.goto(demo_server + "/trygghet-och-sakerhet/trygghet/")
    leave(page, demo_server)
    page.wait_for_timeout(1000)
    assert beacons_served() == before
    assert "kw_vid" not in cookie_names(context)
    assert not STATS_JS.search(page.content())


def test_accepting_sets_the_visitor_cookie_and_the_lcp_lands_in_the_database(
    page, context, demo_server
):
    [(page_id,)] = query(
        "SELECT id FROM wagtailcore_page WHERE url_path LIKE '%/trygghet/' AND live"
        # The Swedish page, made first; its translations have the same slug.
        " ORDER BY id LIMIT 1"
    )
    before = query("SELECT COUNT(*) FROM analytics_beaconevent WHERE page_id = ?", (page_id,))
    served = beacons_served()
    page.goto(demo_server + "/trygghet-och-sakerhet/trygghet/")
    page.get_by_role("button", name="Godkänn statistik").click()
    wait_for_consent_cookie(page.context)
    leave(page, demo_server)
    assert wait_for(lambda: "kw_vid" in cookie_names(context), timeout=5)
    assert beacons_served() == served + 1
    visitor = next(c for c in context.cookies() if c["name"] == "kw_vid")
    assert visitor["httpOnly"] and visitor["expires"] - time.time() <= 396 * 86400

    rows = wait_for(
        lambda: (
            query(
                "SELECT lcp, visitor, viewport FROM analytics_beaconevent "
                "WHERE page_id = ? ORDER BY id DESC",
                (page_id,),
            )[before[0][0] :]
            or None
        )
    )
    assert rows, "the beacon never reached the database"
    lcp, stored_visitor, viewport = rows[0]
    assert lcp is not None and 0 < lcp < 120_000
    assert stored_visitor == visitor["value"] and viewport == "l"

    # On the next page stats.js is part of the page itself and keeps the visitor id.
    assert STATS_JS.search(page.content())
    page.goto(demo_server + "/nyheter/")
    assert wait_for(lambda: beacons_served() == served + 2, timeout=5)
    same = wait_for(
        lambda: (
            query(
                "SELECT COUNT(*) FROM analytics_beaconevent WHERE visitor = ?", (visitor["value"],)
            )[0][0]
            == 2
        )
    )
    assert same, "the second page view did not arrive with the same visitor id"


# --- The client's address is written nowhere -------------------------------------------


class Forwarder:
    """A TCP relay on 127.0.0.1 that connects onwards from CLIENT_ADDRESS, so the server
    sees its visitor at that address (a browser cannot choose its source address)."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.running = True
        self.connections = 0
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.socket()
            upstream.bind((CLIENT_ADDRESS, 0))
            upstream.connect(("127.0.0.1", self.target_port))
            self.connections += 1
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self):
        self.running = False
        self.listener.close()


def files_containing(needle: str, *roots: Path) -> set[str]:
    result = subprocess.run(
        ["grep", "-rlF", "--binary-files=text", needle, *map(str, roots)],
        capture_output=True,
        text=True,
    )
    # Files that vanish while grep runs (SQLite's WAL after a checkpoint) are no finding.
    errors = [line for line in result.stderr.splitlines() if "No such file" not in line]
    assert result.returncode in (0, 1) or not errors, result.stderr
    return set(result.stdout.split())


def test_traffic_from_a_distinct_address_leaves_it_nowhere(browser, demo_server):
    project = Path(__file__).resolve().parents[3]
    # Source files that mention the address as test data are there before the traffic.
    before = files_containing(CLIENT_ADDRESS, project)
    started = time.time()

    port = int(demo_server.rsplit(":", 1)[1])
    forwarder = Forwarder(port)
    base = f"http://127.0.0.1:{forwarder.port}"
    try:
        served = beacons_served()
        context = browser.new_context(locale="sv-SE")
        page = context.new_page()
        page.goto(base + "/nyheter/")
        page.get_by_role("button", name="Godkänn statistik").click()
        wait_for_consent_cookie(page.context)
        for path in (
            "/trygghet-och-sakerhet/trygghet/",
            "/evenemang/",
            "/om-webbplatsen/",
            "/finns-inte/",
            "/",
        ):
            page.goto(base + path)
        page.goto(base + "/sok/?q=luft")
        context.close()
        # Bad input from the same address: errors must not log it either.
        for body, content_type in ((b"{", "text/plain"), (b"x" * 5000, "text/plain")):
            request = urllib.request.Request(
                base + BEACON,
                data=body,
                headers={"Content-Type": content_type, "Origin": base},
                method="POST",
            )
            try:
                urllib.request.urlopen(request, timeout=5)  # noqa: S310 - loopback only
            except urllib.error.HTTPError as error:
                assert error.code in (400, 413)
    finally:
        forwarder.close()
    assert forwarder.connections > 0
    assert beacons_served() >= served + 5, "the browser's beacons did not get through"
    [(views,)] = wait_for(
        lambda: query("SELECT COALESCE(SUM(views), 0) FROM analytics_hourlypageviews")
    )
    assert views > 0
    time.sleep(3)  # let the buffers flush

    # Every table of the database, row by row.
    connection = sqlite3.connect(f"file:{var_dir() / 'db.sqlite3'}?mode=ro", uri=True)
    try:
        dump = "\n".join(connection.iterdump())
    finally:
        connection.close()
    assert CLIENT_ADDRESS not in dump
    # Every file under var/ (database, WAL, logs of the server and the worker, media …).
    assert files_containing(CLIENT_ADDRESS, var_dir()) == set()
    # Every file under the project: nothing new mentions it, nothing that does was written.
    after = files_containing(CLIENT_ADDRESS, project)
    assert after == before
    assert all(Path(name).stat().st_mtime < started for name in after)


# --- The dashboard with demo traffic -----------------------------------------------------


TOTP_KEY = "3132333435363738393031323334353637383930"


@pytest.fixture(scope="module")
def editor_login(demo_server, demo_manage):
    demo_manage("generate_analytics_events", "--count", "30000", "--days", "60")
    demo_manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        "u, _ = User.objects.get_or_create(username='statistik');"
        "u.is_superuser = u.is_staff = True;"
        "u.set_password('statistik-losenord-1');"
        "u.save();"
        # Superusers log in with a second factor (kommunwebb/security/twofactor.py).
        "from django_otp.plugins.otp_totp.models import TOTPDevice;"
        f"TOTPDevice.objects.get_or_create(user=u, name='app', key='{TOTP_KEY}', confirmed=True)",
    )
    return "statistik", "statistik-losenord-1"


def test_the_dashboard_shows_the_demo_traffic(chromium, demo_server, editor_login, tmp_path):
    context = chromium.new_context(locale="sv-SE", viewport={"width": 1280, "height": 2400})
    page = context.new_page()
    page.goto(demo_server + "/admin/login/")
    page.fill("#id_username", editor_login[0])
    page.fill("#id_password", editor_login[1])
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/tvastegs/verifiera/**")
    page.fill("#id_code", f"{totp(bytes.fromhex(TOTP_KEY)):06d}")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.get_by_role("link", name="Statistik").click()
    page.wait_for_url("**/admin/statistik/")
    assert page.locator("h1").inner_text().strip() == "Statistik"
    chart = page.get_by_role("img", name="Sidvisningar och besökare")
    assert chart.is_visible()
    assert page.locator("text=Mest besökta sidor").is_visible()
    totals = page.locator(".kw-stats__totals dd").first.inner_text()
    assert int(totals.replace("\xa0", "").replace(" ", "")) > 0
    page.screenshot(path=str(tmp_path / "statistik.png"), full_page=True)
    results = Axe().run(page, options=WCAG_21_AA, context={"include": [[".kw-stats"]]})
    assert results.violations_count == 0, results.generate_report()
    context.close()
