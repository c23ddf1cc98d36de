"""Two app servers behind Varnish, one of them killed in the middle of the run.

The production profile (deploy/prod.py) with two gunicorn servers behind Varnish's
round-robin director (health probes on /healthz), PostgreSQL 15 and Redis 7, in a temporary
directory on loopback. wrk at 64 connections asks in turn for a page Varnish holds, the same
page rendered by an app server (a session cookie makes Varnish pass it) and /healthz (never
stored); a third of the way in, app server 2 is killed (SIGKILL, master and workers). What
it had in hand and what Varnish sends it before its probe fails is tried again on server 1
(deploy/varnish/default.vcl.in), so the target is 0 errors.

    RESULT scaling_rps_two=<req/s, both up> scaling_rps_killed=<req/s, run with the kill>
           scaling_errors=<non-2xx + socket errors in the run with the kill>
           scaling_out_s=<seconds until Varnish counted the killed server out>

Target: scaling_errors = 0 (exit status 1 otherwise). The machine is shared: the req/s are
as measured, compare them within one run.

    .venv/bin/python bench/scaling.py [--duration 15]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "deploy"))

from prod import Profile  # noqa: E402

from kommunwebb.testing import services  # noqa: E402

CONNECTIONS = 64
MIX = """
n = 0
function request()
    n = n + 1
    local headers = {}
    if n % 3 == 1 then headers["Cookie"] = "sessionid=ingen" end
    return wrk.format("GET", n % 3 == 2 and "/healthz" or "/", headers)
end
"""


def say(message=""):
    print(message, flush=True)


def wrk(url: str, seconds: int, script: Path) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "20s"]
        + ["-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = 0
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in match.groups())
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p99": p99.group(1) if p99 else "?",
        "errors": errors,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    args = parser.parse_args()
    for tool in ("wrk", "varnishd", "redis-server"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is missing: apt-get install wrk varnish redis-server")
    root = Path(tempfile.mkdtemp(prefix="kommunwebb-bench-scaling-"))
    services.reachable_dir(root)
    profile = Profile(
        root / "prod",
        port_base=services.free_port_range(6),
        web_concurrency=2,
        fast_database=True,
    )
    script = root / "mix.lua"
    script.write_text(MIX)
    try:
        say("Starting PostgreSQL, Redis, two app servers and Varnish (a minute or two)")
        profile.up(load_demo=False, app_servers=2, helpers=False)
        url = profile.url + "/"
        wrk(url, 3, script)  # warm-up
        two = wrk(url, args.duration, script)
        say(
            f"  two app servers          {two['rps']:>8.0f} req/s   p99 {two['p99']:>8}"
            f"   errors {two['errors']}"
        )
        out = {}

        def kill():
            time.sleep(args.duration / 3)
            pid = int(profile.app_pidfile(2).read_text())
            os.killpg(pid, signal.SIGKILL)
            killed_at = time.monotonic()
            while services.backend_health(profile.varnish).get(2):
                time.sleep(0.1)
            out["seconds"] = time.monotonic() - killed_at

        killer = threading.Thread(target=kill)
        killer.start()
        killed = wrk(url, args.duration, script)
        killer.join()
        say(
            f"  one killed at {args.duration / 3:.0f} s         {killed['rps']:>8.0f} req/s"
            f"   p99 {killed['p99']:>8}   errors {killed['errors']}"
            f"   (out of the director after {out['seconds']:.1f} s)"
        )
        say("(a shared, loaded machine: compare the two rows, not the figures)")
        say(
            f"RESULT scaling_rps_two={two['rps']:.0f} scaling_rps_killed={killed['rps']:.0f} "
            f"scaling_errors={killed['errors']} scaling_out_s={out['seconds']:.1f}"
        )
        if killed["errors"] or two["errors"]:
            raise SystemExit(1)
    finally:
        profile.down()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
