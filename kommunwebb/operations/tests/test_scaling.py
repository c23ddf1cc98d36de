"""Several app servers behind Varnish (docs/scaling.md), with deploy/prod.py itself: two
gunicorn servers, PostgreSQL, Redis and Varnish's round-robin director with health probes
on /healthz, started in a directory and on loopback ports of their own.

* Both servers take requests; a login session made on one is valid on the other.
* A server that dies is out of the director within seconds, and back when it is up.
* ``rolling-restart`` under wrk at 64 connections: 0 non-2xx answers, 0 socket errors.
* Two task workers deliver every form submission and e-mail once and run every recurring
  job once.

Marked ``scaling`` (slow: about a minute with the stack's start); CI runs it in its SQLite
pass. Skips locally without the services; in CI (which installs them) a skip fails."""

import importlib.util
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kommunwebb.conftest import need
from kommunwebb.forms.outbox import read_outbox
from kommunwebb.testing import services

pytestmark = pytest.mark.scaling

ROOT = Path(__file__).resolve().parents[3]


def load_prod():
    spec = importlib.util.spec_from_file_location("kommunwebb_prod", ROOT / "deploy" / "prod.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.fixture(scope="module")
def profile():
    need(
        services.postgresql_available()
        and services.redis_available()
        and services.varnish_available()
        and shutil.which("wrk"),
        "PostgreSQL 15, Redis, Varnish and wrk are needed (apt-get install postgresql "
        "redis-server varnish varnish-modules wrk)",
    )
    root = Path(tempfile.mkdtemp(prefix="kommunwebb-scaling-test-"))
    services.reachable_dir(root)
    prod = load_prod()
    # Two workers a server and PostgreSQL without fsync: this machine has two cores.
    profile = prod.Profile(
        root / "prod",
        port_base=services.free_port_range(6),
        web_concurrency=2,
        fast_database=True,
    )
    profile.say = lambda message: None  # a test that prints fails (conftest.py)
    try:
        # No demo site: Wagtail's first page at / is enough, and loading the demo would
        # double the start.
        profile.up(load_demo=False, app_servers=2, helpers=False)
        yield profile
    finally:
        profile.down()
        shutil.rmtree(root, ignore_errors=True)


def served_by(profile, marker: str) -> set[int]:
    """Which app servers logged a request for ``marker`` (gunicorn's access lines)."""
    return {
        number for number in (1, 2) if marker in profile.app_log(number).read_text(errors="replace")
    }


def wait_until(condition, seconds: float) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.1)
    return time.monotonic() - start


def test_both_app_servers_take_requests_through_varnish(profile):
    assert services.backend_health(profile.varnish) == {1: True, 2: True}
    # Varnish keeps no 404: every request reaches an app server, whose access log has the
    # path (not the query string).
    for n in range(8):
        status, _ = get(f"{profile.url}/rundgang-{n}/")
        assert status == 404
    assert served_by(profile, "/rundgang-") == {1, 2}


def test_a_session_made_on_one_server_is_valid_on_the_other(profile):
    env = profile.env()
    script = (
        "from django.contrib.auth import get_user_model;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        "User = get_user_model();"
        "user, _ = User.objects.get_or_create(username='skalning', is_superuser=True,"
        " is_staff=True);"
        "s = SessionStore(); s['_auth_user_id'] = str(user.pk);"
        "s['_auth_user_backend'] = 'django.contrib.auth.backends.ModelBackend';"
        "s['_auth_user_hash'] = user.get_session_auth_hash(); s.create();"
        "print(s.session_key)"
    )
    key = services.manage("shell", "-c", script, env=env).stdout.strip().splitlines()[-1]
    for number in (1, 2):
        port = profile.app_server_port(number)
        status, html = get(f"http://127.0.0.1:{port}/admin/", {"Cookie": f"sessionid={key}"})
        # The dashboard, not the login page (a second factor is asked of superusers in
        # production: either way the session is known to both servers).
        assert status == 200, (number, status)
        assert 'name="username"' not in html, number


def test_a_dead_server_is_out_within_seconds_and_back_when_it_is_up(profile):
    services.stop_pidfile(profile.app_pidfile(2))
    try:
        out_after = wait_until(lambda: not services.backend_health(profile.varnish)[2], 10)
        assert out_after < 5
        assert [get(f"{profile.url}/sok/?q=ensam{n}")[0] for n in range(4)] == [200] * 4
        assert [get(f"{profile.url}/ensam-{n}/")[0] for n in range(4)] == [404] * 4
        assert served_by(profile, "/ensam-") == {1}
    finally:
        profile.start_app_server(2, profile.env())
    # As soon as gunicorn has booted (slow on a loaded machine) and three probes passed.
    wait_until(lambda: services.backend_health(profile.varnish)[2], 60)


# Three kinds of request in turn: a page Varnish holds, the same page rendered by an app
# server (a session cookie makes Varnish pass it to one), and /healthz (never stored).
MIX = """
n = 0
function request()
    n = n + 1
    local headers = {}
    if n % 3 == 1 then headers["Cookie"] = "sessionid=ingen" end
    return wrk.format("GET", n % 3 == 2 and "/healthz" or "/", headers)
end
"""


def test_rolling_restart_under_load_fails_no_request(profile, tmp_path):
    assert get(profile.url + "/")[0] == 200
    script = tmp_path / "mix.lua"
    script.write_text(MIX)
    # wrk runs until it is interrupted (SIGINT: it stops and reports), just after the restart.
    load = subprocess.Popen(
        ["wrk", "-t2", "-c64", "-d300s", "--timeout", "20s", "-s", script, profile.url + "/"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        time.sleep(2)
        # Migrations and static files are not what could fail a request: left out for time.
        profile.rolling_restart(migrate=False)
        time.sleep(1)
    finally:
        load.send_signal(signal.SIGINT)
        output = load.communicate(timeout=30)[0]
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    assert requests > 100, output
    assert "Non-2xx or 3xx responses" not in output, output
    assert "Socket errors" not in output, output
    assert services.backend_health(profile.varnish) == {1: True, 2: True}


# --- Two task workers (django-tasks' database backend on PostgreSQL) -------------------


def test_two_workers_deliver_each_submission_once_and_run_each_job_once(profile, tmp_path):
    """Two ``db_worker`` processes, as on two machines: tasks are claimed with
    ``select_for_update(skip_locked=True)`` (django_tasks_db), deliveries and e-mails with
    the outbox's leases (outbox/lease.py), recurring jobs are queued under an advisory lock
    (operations/schedule.py). Every send task is queued twice, and both machines run
    ``schedule_jobs`` at once: still one message per delivery and one run per job."""
    count = 15
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {
        **profile.env(),
        "DJANGO_SETTINGS_MODULE": "kommunwebb.operations.tests.worker_settings",
        "KOMMUNWEBB_OUTBOX_DIR": str(outbox),
    }

    def kit(*args):
        return subprocess.run(
            [sys.executable, "-m", "kommunwebb.operations.tests.workerkit", *map(str, args)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=180,
        ).stdout

    # The profile's own worker steps aside for the two of this test.
    services.stop_pidfile(profile.run / "worker.pid")
    workers = []
    try:
        kit("work", count)
        kit("jobs")
        starts = [
            subprocess.Popen(
                [sys.executable, "manage.py", "schedule_jobs"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        assert [start.wait(timeout=120) for start in starts] == [0, 0]
        earlier = json.loads(kit("status"))
        earlier_workers = set(earlier["workers"])
        for number in (1, 2):
            workers.append(
                services.spawn(
                    [
                        sys.executable,
                        "manage.py",
                        "db_worker",
                        "--queue-name",
                        "*",
                        "--interval",
                        "0.1",
                        "--no-startup-delay",
                        "--no-reload",
                    ],
                    tmp_path / f"worker-{number}.pid",
                    tmp_path / f"worker-{number}.log",
                    env=env,
                )
            )

        def state():
            return json.loads(kit("status"))

        def finished(now):
            # Runs the two workers of this test did (by their ids), also those queued before
            # they started.
            return [
                r
                for r in now["runs"]
                if r["status"] in ("SUCCESSFUL", "FAILED") and set(r["workers"]) - earlier_workers
            ]

        def done():
            now = state()
            runs = finished(now)
            return (
                set(now["deliveries"]) == {"delivered"}
                and set(now["emails"]) == {"delivered"}
                and {r["job"] for r in runs} >= set(now["jobs"])
            )

        try:
            wait_until(done, 240)
        except AssertionError:
            raise AssertionError(f"unfinished after 240 s: {state()}") from None
        time.sleep(2)  # a second send, if there were one, has had its time
        now = state()
    finally:
        for number in (1, 2):
            services.stop_pidfile(tmp_path / f"worker-{number}.pid")
        profile.start_worker(profile.env())

    messages = read_outbox(outbox)
    ids = [message["Message-ID"] for message in messages]
    assert len(now["deliveries"]) == count and len(now["emails"]) == count
    assert len(ids) == 2 * count, sorted(ids)
    assert len(set(ids)) == len(ids), "a message was sent twice"
    # Both workers took part: the test would prove nothing with one idle.
    assert len(set(now["workers"]) - earlier_workers) == 2, now["workers"]
    # Each job ran (a job every minute may have come due again meanwhile), never twice for
    # the same time, and has exactly one next run queued.
    for job in now["jobs"]:
        ran = [r for r in finished(now) if r["job"] == job]
        queued = [r for r in now["runs"] if r["job"] == job and r["status"] == "READY"]
        assert ran, job
        assert len({r["due"] for r in ran}) == len(ran), (job, ran)
        assert len(queued) == 1, (job, queued)
