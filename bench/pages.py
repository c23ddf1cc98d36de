"""Page speed under a crisis spike: the same demo news article, four ways, side by side.

    (a) uncached render through the app server (gunicorn, embedded settings, page cache off)
    (b) the embedded default (gunicorn, page cache in files under var/cache/)
    (c) the production profile (Varnish 7 in front of gunicorn, PostgreSQL 15, Redis 7)
    (d) nginx serving the identical HTML bytes as a static file (the machine's ceiling)

Each with wrk at a fixed number of connections and duration (req/s, p50, p99, errors); then
publish -> visible on both profiles (the article's lead is changed through the revision API,
the public URL is polled until the new text appears); then a 60-second spike at 256
connections against the production profile. The last line is the RESULT line:

    RESULT b/a=<ratio> c/d=<ratio> p99_ms=<(c) p99 at 64 connections>
           publish_visible_s=<worst of both profiles> spike_errors=<count>

Targets (issue 5): b/a >= 10, c/d >= 0.5, p99 <= 25 ms, publish -> visible <= 1 s, 0 errors.
Everything runs on loopback in a temporary directory and is stopped at the end. The machine
is shared, so figures are noisy: they are printed as measured.

    .venv/bin/python bench/pages.py [--duration 15] [--spike 60] [--trials 5]
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

from kommunwebb.testing import services  # noqa: E402

ARTICLE_SLUG = "gor-julen-mer-hallbar-pa-stadsbiblioteket"
ARTICLE = f"/nyheter/{ARTICLE_SLUG}/"
CONNECTIONS = 64
SPIKE_CONNECTIONS = 256
WRK_THREADS = 2


def say(message=""):
    print(message, flush=True)


# --- wrk ----------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, connections: int, seconds: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "99"):
        match = re.search(rf"^\s+{percentile}(?:\.000)?%\s+(\S+)", output, re.M)
        result[f"p{percentile}"] = _ms(match.group(1)) if match else float("nan")
    errors = 0
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in match.groups())
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    result["errors"] = errors
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    return result


LABELS = {
    "a": "(a) uncached, app server",
    "b": "(b) embedded page cache",
    "c": "(c) production profile (Varnish)",
    "d": "(d) nginx, static file",
}


def row(label, result):
    say(
        f"  {label:<34} {result['rps']:>10.0f} req/s   p50 {result['p50']:>8.2f} ms"
        f"   p99 {result['p99']:>8.2f} ms   errors {result['errors']}"
    )


# --- publish -> visible ---------------------------------------------------------------------

PUBLISHER = """
import sys, time, django
django.setup()
from kommunwebb.news.models import NewsArticlePage
for line in sys.stdin:
    marker = line.strip()
    page = NewsArticlePage.objects.get(slug=sys.argv[1])
    started = time.time()
    page.lead = "Uppdaterat " + marker + "."
    page.save_revision().publish()
    print(started, time.time(), flush=True)
"""


def get(port: int, path: str, connection=None):
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    return connection, response.status, response.read()


def publish_visible(env: dict, port: int, trials: int) -> list[float]:
    """Seconds from the start of each publish until the public URL shows it."""
    publisher = subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, ARTICLE_SLUG],
        cwd=ROOT,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    connection, _, _ = get(port, ARTICLE)
    times = []
    try:
        # Trial -1 warms the publishing process up (imports, first queries) and is not
        # counted: an editor publishes from a server process that has long been running.
        for trial in range(-1, trials):
            marker = f"bench-{os.getpid()}-{trial}-{time.time_ns()}"
            publisher.stdin.write(marker + "\n")
            publisher.stdin.flush()
            started = float(publisher.stdout.readline().split()[0])
            deadline = time.time() + 30
            while True:
                try:
                    connection, status, body = get(port, ARTICLE, connection)
                except (OSError, http.client.HTTPException):
                    connection = None
                    continue
                if marker.encode() in body:
                    seconds = time.time() - started
                    break
                if time.time() > deadline:
                    seconds = float("inf")
                    break
                time.sleep(0.005)
            if trial >= 0:
                times.append(seconds)
            time.sleep(0.5)
    finally:
        publisher.stdin.close()
        publisher.wait(timeout=30)
    return times


# --- the profiles ------------------------------------------------------------------------


def embedded_env(var: Path, cache: bool) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kommunwebb.settings.dev",
        "KOMMUNWEBB_VAR_DIR": str(var),
        "KOMMUNWEBB_PAGECACHE": "1" if cache else "0",
        "PYTHONUNBUFFERED": "1",
    }


def consecutive_free_ports(count: int = 4, start: int = 18180) -> int:
    for base in range(start, start + 2000, 10):
        if not any(services.port_open(port) for port in range(base, base + count)):
            return base
    raise SystemExit("no free ports for the production profile")


def main():
    parser = argparse.ArgumentParser(description="Page speed, four ways (issue 5).")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--spike", type=int, default=60, help="seconds of the 256-conn spike")
    parser.add_argument("--trials", type=int, default=5, help="publish -> visible trials")
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "varnishd", "redis-server"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is missing: apt-get install wrk nginx varnish redis-server")

    work = Path(tempfile.mkdtemp(prefix="kommunwebb-bench-pages-"))
    services.reachable_dir(work)
    results, visible = {}, {}
    profile = None
    try:
        say(f"Article {ARTICLE}; wrk -t{WRK_THREADS} -c{CONNECTIONS} -d{args.duration}s")
        say("Embedded profile: migrate and load the demo into SQLite ...")
        var = work / "embedded"
        env = embedded_env(var, cache=True)
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["load_demo_data"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            services.manage(*command, env=env)

        port = services.free_port()
        for label, cache in (("a", False), ("b", True)):
            pidfile, log = work / f"app-{label}.pid", work / f"app-{label}.log"
            services.start_app(port, embedded_env(var, cache), pidfile, log)
            try:
                url = f"http://127.0.0.1:{port}{ARTICLE}"
                for _ in range(3):
                    get(port, ARTICLE)
                wrk(url, CONNECTIONS, 3)  # warm-up
                results[label] = wrk(url, CONNECTIONS, args.duration)
                row(LABELS[label], results[label])
                if cache:
                    visible["embedded"] = publish_visible(env, port, args.trials)
            finally:
                services.stop_pidfile(pidfile)

        say("Production profile: PostgreSQL, Redis, gunicorn, Varnish (make prod-up) ...")
        from prod import Profile

        profile = Profile(work / "prod", consecutive_free_ports())
        profile.up()
        prod_env = profile.env()
        url = f"{profile.url}{ARTICLE}"
        get(profile.varnish_port, ARTICLE)
        wrk(url, CONNECTIONS, 3)
        results["c"] = wrk(url, CONNECTIONS, args.duration)
        row(LABELS["c"], results["c"])

        # (d): the very bytes Varnish serves, as a file nginx sends.
        _, status, body = get(profile.varnish_port, ARTICLE)
        assert status == 200, status
        root = services.reachable_dir(work / "static-root")
        target = services.reachable_dir(root / ARTICLE.strip("/")) / "index.html"
        target.write_bytes(body)
        target.chmod(0o644)
        nginx_port = services.free_port()
        services.start_nginx(work / "nginx", nginx_port, root)
        try:
            _, status, static_body = get(nginx_port, ARTICLE)
            assert static_body == body, "nginx must serve the identical bytes"
            wrk(f"http://127.0.0.1:{nginx_port}{ARTICLE}", CONNECTIONS, 3)
            results["d"] = wrk(
                f"http://127.0.0.1:{nginx_port}{ARTICLE}", CONNECTIONS, args.duration
            )
            row(LABELS["d"], results["d"])
        finally:
            services.stop_nginx(work / "nginx")

        visible["production"] = publish_visible(prod_env, profile.varnish_port, args.trials)
        say(f"Spike: {SPIKE_CONNECTIONS} connections for {args.spike} s on the production profile")
        results["spike"] = wrk(url, SPIKE_CONNECTIONS, args.spike)
        row("spike", results["spike"])
    finally:
        if profile is not None:
            profile.down()
        shutil.rmtree(work, ignore_errors=True)

    say()
    say(f"Results ({CONNECTIONS} connections, {args.duration} s each):")
    for label in "abcd":
        row(LABELS[label], results[label])
    row(f"spike, {SPIKE_CONNECTIONS} conns, {args.spike} s, (c)", results["spike"])
    for name, times in visible.items():
        shown = ", ".join(f"{t:.3f}" for t in times)
        say(f"  publish -> visible, {name:<11} {shown} s (worst {max(times):.3f} s)")
    worst = max(max(times) for times in visible.values())
    say(
        f"RESULT b/a={results['b']['rps'] / results['a']['rps']:.1f}"
        f" c/d={results['c']['rps'] / results['d']['rps']:.2f}"
        f" p99_ms={results['c']['p99']:.1f}"
        f" publish_visible_s={worst:.3f}"
        f" spike_errors={results['spike']['errors']}"
    )


if __name__ == "__main__":
    main()
