"""The crisis page under a spike with the database down, and how fast a new alert shows.

Issue 13, parts 3 and 9. On the demo with its crisis scenario switched on:

    production profile (Varnish 7, gunicorn, PostgreSQL 15, Redis 7; deploy/prod.py)
      alert_visible_s   a new alert published (a revision, as an editor publishes) until
                        /kris/ through Varnish shows it: worst of ``--trials``
      browser_s         what a browser that has just read /kris/ waits at most: the page's
                        browser lifetime (Cache-Control max-age), after which it revalidates
                        with the page's ETag and gets the new page (checked: 200, not 304)
      varnish_*         PostgreSQL stopped, wrk at 256 connections on /kris/ for ``--spike``
                        seconds through Varnish: req/s, p99, errors
    embedded profile (gunicorn, SQLite, the page cache in files; make run)
      embedded_*        the SQLite file replaced by one that is no database, then the same
                        spike straight at gunicorn: answered from the page cache or the
                        static copy the last publish wrote (alerts/fallback.py)

    RESULT alert_visible_s=<s> browser_s=<s> varnish_rps=<req/s> varnish_p99_ms=<ms>
           varnish_errors=<n> embedded_rps=<req/s> embedded_p99_ms=<ms> embedded_errors=<n>

Targets: alert_visible_s <= 1, browser_s <= 10, varnish_errors = 0, varnish_p99_ms <= 50,
embedded_errors = 0; the script exits with status 1 naming what was missed. Everything runs
on loopback in a temporary directory and is stopped at the end; the machine is shared, so
the figures are as measured, with the load average.

    .venv/bin/python bench/crisis.py [--spike 60] [--trials 5]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "deploy"))

import visible  # noqa: E402  (bench/visible.py: publish, then read until it shows)
from pages import embedded_env, wrk  # noqa: E402  (bench/pages.py: the same wrk and settings)

from kommunwebb.testing import services  # noqa: E402

CRISIS = "/kris/"
SPIKE_CONNECTIONS = 256
TARGETS = {
    "alert_visible_s": ("<=", 1),
    "browser_s": ("<=", 10),
    "varnish_errors": ("<=", 0),
    "varnish_p99_ms": ("<=", 50),
    "embedded_errors": ("<=", 0),
}

# The demo's crisis scenario (a draft) switched on, as an editor does it.
CRISIS_ON = """
from kommunwebb.alerts.models import Crisis
crisis = Crisis.objects.order_by("pk").first()
crisis.get_latest_revision().publish()
"""

# Reads a marker per line and publishes a new alert with it as its title; prints the moment
# just before the publish, so the time counted is the editor's click to the page.
PUBLISHER = """
import sys, time, django
django.setup()
from kommunwebb.alerts.models import Alert, AlertLevel
for line in sys.stdin:
    marker = line.strip()
    alert = Alert(title=marker, message="Mätning av hur fort ett meddelande syns.",
                  level=AlertLevel.IMPORTANT, live=False)
    alert.save()
    revision = alert.save_revision()
    print(time.time(), flush=True)
    revision.publish()
"""


def say(message=""):
    print(message, flush=True)


def get(port: int, path: str, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def alert_visible(env: dict, port: int, trials: int) -> list[float]:
    """Seconds from each publish until /kris/ on ``port`` shows the alert; /kris/ is read
    (so cached) before each publish, as it is in a crisis."""
    return visible.publish_visible(
        env,
        port,
        CRISIS,
        PUBLISHER,
        trials,
        marker="Matning {pid} {trial} {ns}",
        read_before_each=True,
    )


def browser_wait(env: dict, port: int) -> float:
    """The longest a browser that has just read /kris/ shows it unchanged: its max-age. Then
    it asks again with the ETag it has; after a publish that must be a new page (200)."""
    status, headers, _ = get(port, CRISIS)
    headers = {name.lower(): value for name, value in headers.items()}
    match = re.search(r"(?:^|,)\s*max-age=(\d+)", headers.get("cache-control", ""))
    if status != 200 or not match or "etag" not in headers:
        raise SystemExit(f"/kris/ gave {status} {headers.get('cache-control')!r} without an ETag")
    marker = f"Webblasare {time.time_ns()}"
    publisher = subprocess.run(
        [sys.executable, "-c", PUBLISHER],
        cwd=ROOT,
        env=env,
        input=marker + "\n",
        text=True,
        capture_output=True,
        check=True,
    )
    assert publisher.stdout.strip()
    time.sleep(1)
    status, _, body = get(port, CRISIS, {"If-None-Match": headers["etag"]})
    if status != 200 or marker.encode() not in body:
        raise SystemExit(f"revalidation after a publish answered {status} without the alert")
    return float(match.group(1))


def row(label: str, result: dict):
    say(
        f"  {label:<44} {result['rps']:>9.0f} req/s  p99 {result['p99']:>7.1f} ms"
        f"  errors {result['errors']}"
    )


def verdict(figures: dict) -> list[str]:
    missed = []
    for name, (relation, bar) in TARGETS.items():
        value = figures[name]
        ok = value <= bar if relation == "<=" else value >= bar
        if not ok:
            missed.append(f"{name}={value} (target {relation} {bar})")
    return missed


def production(work: Path, args) -> dict:
    from prod import Profile

    profile = Profile(work / "prod", port_base=services.free_port_range(6))
    try:
        say("Production profile with the demo (PostgreSQL, Redis, gunicorn, Varnish) ...")
        profile.up()
        env = profile.env()
        services.manage("shell", "-c", CRISIS_ON, env=env)
        times = alert_visible(env, profile.varnish_port, args.trials)
        say("  new alert -> /kris/ through Varnish: " + ", ".join(f"{t:.2f}" for t in times) + " s")
        browser = browser_wait(env, profile.varnish_port)
        say(f"  a browser keeps /kris/ {browser:.0f} s, then revalidates and gets the new page")
        url = f"{profile.url}{CRISIS}"
        wrk(url, 64, 3)  # warm-up: the page is in Varnish
        services.stop_postgresql(profile.pg)
        say(f"PostgreSQL stopped; {SPIKE_CONNECTIONS} connections on /kris/ for {args.spike} s")
        spike = wrk(url, SPIKE_CONNECTIONS, args.spike)
        row("through Varnish, database down", spike)
        return {
            "alert_visible_s": round(max(times), 3),
            "browser_s": browser,
            "varnish_rps": round(spike["rps"]),
            "varnish_p99_ms": spike["p99"],
            "varnish_errors": spike["errors"],
        }
    finally:
        profile.down()


def embedded(work: Path, args) -> dict:
    var = work / "embedded"
    env = embedded_env(var, cache=True)
    say("Embedded profile with the demo (SQLite, the page cache in files) ...")
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_data"]):
        services.manage(*command, env=env)
    services.manage("collectstatic", "--noinput", "-v0", env=env)
    services.manage("shell", "-c", CRISIS_ON, env=env)
    port = services.free_port()
    pidfile = work / "embedded.pid"
    services.start_app(port, env, pidfile, work / "embedded.log")
    try:
        assert get(port, CRISIS)[0] == 200
        database = var / "db.sqlite3"
        database.rename(var / "db.sqlite3.away")
        database.write_bytes(b"this is no database" * 100)
        say(f"SQLite unreadable; {SPIKE_CONNECTIONS} connections on /kris/ for {args.spike} s")
        spike = wrk(f"http://127.0.0.1:{port}{CRISIS}", SPIKE_CONNECTIONS, args.spike)
        row("embedded, database unreadable", spike)
        return {
            "embedded_rps": round(spike["rps"]),
            "embedded_p99_ms": spike["p99"],
            "embedded_errors": spike["errors"],
        }
    finally:
        services.stop_pidfile(pidfile)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spike", type=int, default=60, help="seconds of each 256-conn run")
    parser.add_argument("--trials", type=int, default=5, help="publish -> visible trials")
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "varnishd", "redis-server"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is missing: apt-get install wrk nginx varnish redis-server")
    say(f"crisis bench: load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    work = Path(tempfile.mkdtemp(prefix="kommunwebb-bench-crisis-"))
    services.reachable_dir(work)
    try:
        figures = {**production(work, args), **embedded(work, args)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    say("RESULT " + " ".join(f"{name}={value}" for name, value in figures.items()))
    missed = verdict(figures)
    if missed:
        say("crisis bench: missed " + "; ".join(missed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
