"""Publish, then read a page until the change shows: the "publish -> visible" figure that
bench/pages.py (a news article) and bench/crisis.py (a new alert on /kris/) both report."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30  # seconds a change may take before the trial counts as never (inf)


def get(port: int, path: str, connection=None):
    """``(connection, status, body)``: one GET on 127.0.0.1, on ``connection`` if given
    (kept alive between polls, as a browser's is)."""
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    return connection, response.status, response.read()


def publish_visible(
    env: dict,
    port: int,
    path: str,
    publisher: str,
    trials: int,
    *,
    args: tuple[str, ...] = (),
    marker: str = "bench-{pid}-{trial}-{ns}",
    read_before_each: bool = False,
) -> list[float]:
    """Seconds from each publish until ``path`` on ``port`` shows it, for ``trials``.

    ``publisher`` is Python run once (``python -c publisher *args`` in the project, with
    ``env``): for every line it reads (a marker) it publishes a change that puts the marker
    on the page, printing the moment it started as the first field of a line (``marker``
    makes each one unique: ``{pid}``, ``{trial}``, ``{ns}``). Trial -1
    warms it up (imports, first queries) and is not counted: an editor publishes from a
    server process that has long been running. ``read_before_each``: the page is read (so
    cached) before each publish, as it is in a crisis; otherwise once before the first."""
    process = subprocess.Popen(
        [sys.executable, "-c", publisher, *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    connection, _, _ = get(port, path)
    times = []
    try:
        for trial in range(-1, trials):
            if read_before_each:
                connection, _, _ = get(port, path, connection)
            text = marker.format(pid=os.getpid(), trial=trial, ns=time.time_ns())
            process.stdin.write(text + "\n")
            process.stdin.flush()
            started = float(process.stdout.readline().split()[0])
            deadline = time.time() + TIMEOUT
            seconds = float("inf")
            while time.time() < deadline:
                try:
                    connection, _, body = get(port, path, connection)
                except (OSError, http.client.HTTPException):
                    connection = None
                    continue
                if text.encode() in body:
                    seconds = time.time() - started
                    break
                time.sleep(0.005)
            if trial >= 0:
                times.append(seconds)
            time.sleep(0.5)
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    return times
