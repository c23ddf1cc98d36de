"""Suite-wide test rules: in CI nothing may skip itself, and nothing may print."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Property tests prove behaviour, not speed (speed is `make bench`'s): no per-example deadline,
# which on a busy two-core CI machine failed a test whose every example was right.
hypothesis_settings.register_profile("kommunwebb", deadline=None)
hypothesis_settings.load_profile("kommunwebb")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        # A missing browser or database must fail CI, not quietly pass it.
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which is a failure here: {report.longrepr}"
    if report.when == "call" and report.passed and report.capstdout.strip():
        report.outcome = "failed"
        report.longrepr = f"the test printed to stdout:\n{report.capstdout[:2000]}"


def pytest_configure(config):
    # Migrated and demo databases built once per session (kommunwebb/testing/snapshots.py).
    from kommunwebb.testing import snapshots

    if not os.environ.get(snapshots.ENV_DIR):
        import tempfile

        os.environ[snapshots.ENV_DIR] = tempfile.mkdtemp(prefix="kommunwebb-snapshots-")
        config._kommunwebb_snapshots = os.environ[snapshots.ENV_DIR]


def pytest_unconfigure(config):
    made = getattr(config, "_kommunwebb_snapshots", None)
    if made:
        import shutil

        shutil.rmtree(made, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    # Tests of the demo server (browser tests and the others) do not use the suite's database:
    # .ci/run runs them once, in its SQLite pass, not again on PostgreSQL.
    for item in items:
        if "demo_server" in getattr(item, "fixturenames", ()):
            item.add_marker("demo_site")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, kept as the session's migrated snapshot the moment it is
    migrated, for the servers tests start (kommunwebb/testing/snapshots.py)."""
    from unittest import mock

    from django.db import connection

    from kommunwebb.testing import snapshots

    # A browser test may be the first to ask, with Playwright's event loop running in this
    # thread, which Django takes for async code: these synchronous queries run before any
    # test and nothing runs beside them.
    allow_sync = mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"})
    with django_db_blocker.unblock(), allow_sync:
        if not snapshots.fully_migrated(connection):
            # No test of this session asked for the database, so pytest-django made none.
            return
        if connection.vendor == "sqlite":
            snapshots.keep_sqlite(connection.settings_dict["NAME"])
        elif connection.vendor == "postgresql":
            snapshots.keep_postgresql(connection.settings_dict)


def need(condition: bool, reason: str):
    """Skip locally when a tool is missing; in CI the hook above turns that into a failure."""
    if not condition:
        pytest.skip(reason)


# --- A real server with the demo site, for browser tests -------------------------------

CHROMIUM = os.environ.get("KOMMUNWEBB_CHROMIUM", "/usr/bin/chromium")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The demo server's environment (its settings and temporary var/), for tests that look
# into its database through `demo_manage`.
DEMO_ENV: dict[str, str] = {}


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory, django_db_setup):
    """The site as `make run` serves it (gunicorn, whitenoise, demo content) on a free port,
    with its own database in a temporary var/ directory (a copy of the session's demo
    snapshot: after the test database, which gives it the migrated one)."""
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    from kommunwebb.testing import snapshots

    root = Path(__file__).resolve().parent.parent
    var = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kommunwebb.settings.dev",
        "KOMMUNWEBB_VAR_DIR": str(var),
        "PYTHONUNBUFFERED": "1",
        # Form e-mail lands as files in var/outbox/, where browser tests read it.
        "DJANGO_EMAIL_BACKEND": "kommunwebb.forms.outbox.FileOutboxBackend",
        # Accepted beacons in the access log too: browser tests count what was sent there.
        "KOMMUNWEBB_LOG_BEACONS": "1",
        # VMA sources that never answer (nothing listens on loopback port 9): the admin's
        # "VMA-källor" has sources to show, and the worker's polls fail without reaching
        # the outside network or changing what residents see.
        "KOMMUNWEBB_VMA_SOURCES": "http://127.0.0.1:9/api/v2/alerts http://127.0.0.1:9/cap.xml",
        "KOMMUNWEBB_MUNICIPALITY_CODE": "2262",
        "KOMMUNWEBB_COUNTY_CODE": "22",
        "KOMMUNWEBB_AREA_NAME": "Sundhamns kommun",
    }
    DEMO_ENV.clear()
    DEMO_ENV.update(env)
    python = sys.executable
    snapshots.demo_var(var, env)
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    log = open(var / "server.log", "w")  # noqa: SIM115 - closed when the fixture ends
    server = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "kommunwebb.wsgi",
            "--config",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # The task worker beside the web server, as deploy/serve-embedded starts it.
    worker_log = open(var / "worker.log", "w")  # noqa: SIM115 - closed when the fixture ends
    worker = subprocess.Popen(
        [python, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"],
        cwd=root,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    # Generous: on a busy two-core machine gunicorn's workers take a while to import Django.
    deadline = time.monotonic() + 120
    while True:
        try:
            # The first page renders slowly on a busy machine: a short timeout would give up
            # on every try while the render is still under way.
            urllib.request.urlopen(base + "/", timeout=30)  # noqa: S310 - loopback only
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                worker.kill()
                raise RuntimeError((var / "server.log").read_text()) from None
            time.sleep(0.2)
    yield base
    server.terminate()
    worker.terminate()
    server.wait(timeout=10)
    worker.wait(timeout=30)
    log.close()
    worker_log.close()


@pytest.fixture(scope="session")
def demo_manage(demo_server):
    """Run a manage.py command against the demo server's own database; returns stdout.
    E.g. ``demo_manage("shell", "-c", "from x import Y; print(Y.objects.count())")``."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent

    def run(*args: str) -> str:
        if args and args[0] == "shell":
            # Django 5.2's shell announces its automatic imports on stdout; callers read
            # only what their code prints.
            args = ("shell", "--verbosity=0", *args[1:])
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=root,
            env=DEMO_ENV,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    return run


@pytest.fixture(scope="session")
def chromium():
    need(os.path.exists(CHROMIUM), f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    page = context.new_page()
    yield page
    context.close()


# --- Database fixtures shared by the apps' tests ----------------------------------------


@pytest.fixture
def home(db):
    """A HomePage as the default site's root, replacing Wagtail's welcome page. Also after a
    transactional test (a data migration's) has flushed the rows Wagtail's migrations made."""
    from wagtail.models import Site

    from kommunwebb.home.factories import HomePageFactory
    from kommunwebb.testing.migrations import tree_root

    root = tree_root()
    home = HomePageFactory(parent=root, slug="start")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        return home
    old_root = site.root_page
    site.root_page = home
    site.save()
    old_root.delete()
    return home


# --- The page cache, switched on (for the apps that register what invalidates it) -------


@pytest.fixture
def pagecache(settings):
    """The page cache switched on, empty, with entries that live as long as the clock allows."""
    from kommunwebb.pagecache import memo
    from kommunwebb.pagecache.conf import page_cache

    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_TTL = 3600
    page_cache().clear()
    memo.clear()
    yield page_cache()
    page_cache().clear()
    memo.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit(): ...`` runs what the block left for after the commit (invalidation),
    as a real request's transaction would."""
    from contextlib import contextmanager

    from django.db import connection

    from kommunwebb.pagecache.invalidation import _bump

    @contextmanager
    def run():
        # The test's own transaction never commits: an invalidation left pending by fixtures
        # would stand in for the ones in this block (one bump per transaction), so drop it.
        connection.run_on_commit = [e for e in connection.run_on_commit if e[1] is not _bump]
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return run


@pytest.fixture(scope="session")
def admin_login(demo_server, demo_manage):
    """Log a browser page in to the demo server's admin as an existing account, with the
    second factor superusers, Webbredaktör and Dataskydd need (security/twofactor.py): the
    account gets an authenticator device, and its current code is typed when asked."""
    from django_otp.oath import totp

    def log_in(page, username: str, password: str):
        key = username.encode().hex().ljust(40, "0")[:40]
        demo_manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import User;"
            "from django_otp.plugins.otp_totp.models import TOTPDevice;"
            f"u = User.objects.get(username='{username}');"
            # last_t = -1: a code of this half-minute may be used again by the next login.
            "TOTPDevice.objects.update_or_create(user=u, name='test',"
            f" defaults={{'key': '{key}', 'confirmed': True, 'last_t': -1}})",
        )
        page.goto(demo_server + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/tvastegs/verifiera/**")
        page.fill("#id_code", f"{totp(bytes.fromhex(key)):06d}")
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")

    return log_in
