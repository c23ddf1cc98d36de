"""Page speed under a crisis spike: the same demo news article, five ways, side by side.

    (a) the article rendered by the app server (gunicorn, embedded settings) on every
        request: each asks with a new query string, so each is a page-cache miss, as every
        page is once after a publish (what the site shares is kept per generation, memo.py)
    (w) a bare Wagtail page (wagtailcore.Page, Wagtail's own one-line template) asked the
        same way of the same server and database in the same run: the yardstick for (a)
    (b) the embedded default: the article from the page cache (files under var/cache/),
        answered by the WSGI fast path in front of Django (pagecache/fastpath.py)
    (c) the production profile (Varnish 7 in front of gunicorn, PostgreSQL 15, Redis 7)
    (d) nginx serving the identical HTML bytes as a static file (the machine's ceiling)

Each with wrk at a fixed number of connections and duration (req/s, p50, p99, errors); then
publish -> visible on both profiles (the article's lead is changed through the revision API,
the public URL is polled until the new text appears); then a 60-second spike at 256
connections against the production profile. During (c) the page views Varnish answers are
counted as a visitor's would be (wrk sends a browser's user agent): the article's counted
views must equal the 200 responses wrk received, and the CPU the hit counter spent
(varnishlog and `manage.py ingest_pageviews`) is divided by the hits it counted. The last
line is the RESULT line:

    RESULT b/a=<ratio> c/d=<ratio> a/w=<ratio> p99_ms=<(c) p99 at 64 connections>
           b_p99_ms=<(b) p99 at 64 connections> hit_count_error_pct=<percent>
           publish_visible_s=<worst of both profiles> spike_errors=<count>
           counter_cpu_us_per_hit=<microseconds>

Targets (issues 5 and 17): b/a >= 10, c/d >= 0.8, a/w >= 0.4, p99 <= 25 ms, b_p99 <= 50 ms,
hit count error <= 1 %, publish -> visible <= 1 s, 0 errors; the script exits with status 1
and names the missed targets when one is missed. Everything runs on loopback in a temporary
directory and is stopped at the end. The machine is shared, so figures are noisy: they are
printed as measured.

    .venv/bin/python bench/pages.py [--duration 15] [--spike 60] [--trials 5] [--fresh]

The demo databases are built once per state of the code and kept in var/bench/
(bench/prepared.py): the first run after a change takes a few minutes longer.
"""

from __future__ import annotations

import argparse
import contextlib
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

import prepared  # noqa: E402  (bench/prepared.py: the demo built once per state of the code)
import visible  # noqa: E402  (bench/visible.py: publish, then read until it shows)
from visible import get  # noqa: E402

from kommunwebb.testing import services  # noqa: E402

ARTICLE_SLUG = "gor-julen-mer-hallbar-pa-stadsbiblioteket"
ARTICLE = f"/nyheter/{ARTICLE_SLUG}/"
CONNECTIONS = 64
SPIKE_CONNECTIONS = 256
WRK_THREADS = 2
# A browser's user agent, so the views wrk makes are counted as a resident's would be.
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
BARE_SLUG = "bench-bare-wagtail"
BARE = f"/{BARE_SLUG}/"

TARGETS = {
    "b/a": (">=", 10),
    "c/d": (">=", 0.8),
    "a/w": (">=", 0.4),
    "p99_ms": ("<=", 25),
    "b_p99_ms": ("<=", 50),
    "hit_count_error_pct": ("<=", 1),
    "publish_visible_s": ("<=", 1),
    "spike_errors": ("<=", 0),
}


STARTED = time.monotonic()


def say(message=""):
    """A line of the report; each phase's with the seconds since the start, so how long a
    run takes (and where) is in its own output."""
    if message and not message.startswith(("RESULT", "Missed", " ")):
        message = f"[{time.monotonic() - STARTED:5.0f} s] {message}"
    print(message, flush=True)


# --- wrk ----------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * _UNITS[unit]


# Every request a different address: each one a page-cache miss, rendered and stored, as
# every page is once after a publish (wrk runs one Lua state per thread).
MISSES = """
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end
function init(args)
    n = 0
end
function request()
    n = n + 1
    return wrk.format(nil, wrk.path .. "?efter-publicering=" .. tid .. "-" .. n)
end
"""


def wrk(url: str, connections: int, seconds: int, script: Path | None = None) -> dict:
    output = subprocess.run(
        [
            "wrk",
            *(["-s", str(script)] if script else []),
            f"-t{WRK_THREADS}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            f"User-Agent: {BROWSER}",
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
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non2xx"] = int(match.group(1)) if match else 0
    errors += result["non2xx"]
    result["errors"] = errors
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    return result


LABELS = {
    "a": "(a) article, each request a miss",
    "w": "(w) bare Wagtail page, each a miss",
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


def publish_visible(env: dict, port: int, trials: int) -> list[float]:
    """Seconds from the start of each publish until the public URL shows it."""
    return visible.publish_visible(env, port, ARTICLE, PUBLISHER, trials, args=(ARTICLE_SLUG,))


# --- the bare Wagtail page, counted views, the hit counter's CPU -------------------------

BARE_PAGE = """
import sys, django
django.setup()
from wagtail.models import Page, Site
if not Page.objects.filter(slug=sys.argv[1]).exists():
    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=Page(title="Wagtail", slug=sys.argv[1]))
"""

VIEW_COUNTER = """
import sys, django
django.setup()
from django.db.models import Sum
from wagtail.models import Page
from kommunwebb.analytics.models import HourlyPageViews
page_id = Page.objects.get(slug=sys.argv[1]).pk
for _ in sys.stdin:
    views = HourlyPageViews.objects.filter(page_id=page_id).aggregate(n=Sum("views"))["n"]
    print(views or 0, flush=True)
"""


class ViewCounter:
    """The article's counted views (every hour summed), as the statistics show them."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "-c", VIEW_COUNTER, ARTICLE_SLUG],
            cwd=ROOT,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def now(self) -> int:
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def settled(self, quiet: float = 5.0, limit: float = 90.0) -> int:
        """The count once it has not moved for ``quiet`` seconds: the hit counter and the
        app's buffers (ANALYTICS_FLUSH_SECONDS) have written what they had."""
        started = changed = time.monotonic()
        last = self.now()
        while time.monotonic() - changed < quiet and time.monotonic() - started < limit:
            time.sleep(0.5)
            value = self.now()
            if value != last:
                last, changed = value, time.monotonic()
        return last

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def process_tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(child) for child in (task / "children").read_text().split()]
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU of ``pid`` and everything it started (the hit counter's pipe)."""
    total = 0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def verdict(figures: dict) -> list[str]:
    missed = []
    for name, (sense, target) in TARGETS.items():
        value = figures[name]
        ok = value >= target if sense == ">=" else value <= target
        if not ok:
            missed.append(f"{name}={value:g} (target {sense} {target:g})")
    return missed


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
    parser.add_argument(
        "--fresh", action="store_true", help="build the demo databases again (var/bench/)"
    )
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
        cache = prepared.use(fresh=args.fresh)
        say(f"Embedded profile: the demo on SQLite (kept in {cache.relative_to(ROOT)}) ...")
        var = work / "embedded"
        env = embedded_env(var, cache=True)
        prepared.embedded_demo(var, env)
        services.manage("collectstatic", "--noinput", "-v0", env=env)
        subprocess.run([sys.executable, "-c", BARE_PAGE, BARE_SLUG], cwd=ROOT, env=env, check=True)

        # One server with the embedded defaults (the page cache on). (a) and (w) ask for a
        # different query string every time: every request is a miss, rendered and stored,
        # as every page is once after a publish; (b) asks for the article itself: hits.
        misses = work / "misses.lua"
        misses.write_text(MISSES)
        port = services.free_port()
        pidfile, log = work / "app.pid", work / "app.log"
        services.start_app(port, env, pidfile, log)
        try:
            for label, path, script in (
                ("a", ARTICLE, misses),
                ("w", BARE, misses),
                ("b", ARTICLE, None),
            ):
                url = f"http://127.0.0.1:{port}{path}"
                for _ in range(3):
                    assert get(port, path)[1] == 200, path
                wrk(url, CONNECTIONS, 3, script)  # warm-up
                results[label] = wrk(url, CONNECTIONS, args.duration, script)
                row(LABELS[label], results[label])
            visible["embedded"] = publish_visible(env, port, args.trials)
        finally:
            services.stop_pidfile(pidfile)

        say("Production profile: PostgreSQL, Redis, gunicorn, Varnish (make prod-up) ...")
        from prod import Profile

        profile = Profile(work / "prod", consecutive_free_ports())
        prepared.production_demo(profile)
        profile.up(load_demo=False)
        prod_env = profile.env()
        url = f"{profile.url}{ARTICLE}"
        get(profile.varnish_port, ARTICLE)
        wrk(url, CONNECTIONS, 3)
        counter = ViewCounter(prod_env)
        try:
            counted_before = counter.settled()
            counter_pid = int((profile.run / "ncsa.pid").read_text())
            cpu_before = cpu_seconds(counter_pid)
            results["c"] = wrk(url, CONNECTIONS, args.duration)
            row(LABELS["c"], results["c"])
            counted = counter.settled() - counted_before
            cpu = cpu_seconds(counter_pid) - cpu_before
        finally:
            counter.close()
        answered = results["c"]["requests"] - results["c"]["non2xx"]
        hits = {
            "answered": answered,
            "counted": counted,
            "error_pct": abs(counted - answered) / max(answered, 1) * 100,
            "cpu_us": cpu / max(counted, 1) * 1e6,
        }
        say(
            f"  counted views {counted} of {answered} answered"
            f" ({hits['error_pct']:.2f} % off); hit counter CPU {cpu:.2f} s,"
            f" {hits['cpu_us']:.1f} us per counted view"
        )

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
    for label in "awbcd":
        row(LABELS[label], results[label])
    row(f"spike, {SPIKE_CONNECTIONS} conns, {args.spike} s, (c)", results["spike"])
    for name, times in visible.items():
        shown = ", ".join(f"{t:.3f}" for t in times)
        say(f"  publish -> visible, {name:<11} {shown} s (worst {max(times):.3f} s)")
    figures = {
        "b/a": results["b"]["rps"] / results["a"]["rps"],
        "c/d": results["c"]["rps"] / results["d"]["rps"],
        "a/w": results["a"]["rps"] / results["w"]["rps"],
        "p99_ms": results["c"]["p99"],
        "b_p99_ms": results["b"]["p99"],
        "hit_count_error_pct": hits["error_pct"],
        "publish_visible_s": max(max(times) for times in visible.values()),
        "spike_errors": results["spike"]["errors"],
    }
    say(
        f"RESULT b/a={figures['b/a']:.1f}"
        f" c/d={figures['c/d']:.2f}"
        f" a/w={figures['a/w']:.2f}"
        f" p99_ms={figures['p99_ms']:.1f}"
        f" b_p99_ms={figures['b_p99_ms']:.1f}"
        f" hit_count_error_pct={figures['hit_count_error_pct']:.2f}"
        f" publish_visible_s={figures['publish_visible_s']:.3f}"
        f" spike_errors={figures['spike_errors']}"
        f" counter_cpu_us_per_hit={hits['cpu_us']:.1f}"
    )
    if missed := verdict(figures):
        say("Missed: " + "; ".join(missed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
