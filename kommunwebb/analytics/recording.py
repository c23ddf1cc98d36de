"""Recording page views and beacons (contract C3), buffered in memory.

A crisis multiplies traffic; if every view were its own write transaction the database
would become the bottleneck of the whole site. Views are therefore counted in memory per
(hour, page, referring host, device class) and written as a handful of upserts, and
beacons are written in bulk, by a background thread every ``ANALYTICS_FLUSH_SECONDS``
(default 2) or as soon as ``ANALYTICS_BUFFER_SIZE`` (default 1000) rows are waiting (a
row: one beacon, or one (hour, page, host, device) key however many views it counts), and
when the process exits. Requests never wait for the database. A crash loses at most
those seconds of statistics. ``ANALYTICS_FLUSH_SECONDS = 0`` writes synchronously
(the test settings do that).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections import Counter
from datetime import datetime

from django.conf import settings
from django.db import connections, router, transaction

from . import devices, pages
from .models import BeaconEvent, HourlyPageViews

logger = logging.getLogger(__name__)

# If the database is unreachable for long, drop rather than grow without bound.
_MAX_PENDING = 200_000


def record_pageview(
    path: str,
    referrer: str,
    user_agent: str,
    when: datetime,
    *,
    site=None,
    own_hosts=None,
    views: int = 1,
) -> bool:
    """Count one view (or ``views`` identical ones) of the page at ``path`` (contract C3).
    Returns whether it counted.

    Unknown paths, pages that are not live and public, and bots are ignored. Of the
    referrer only an external host is kept; of the user agent only the device class."""
    device = devices.device_class(user_agent)
    del user_agent  # not kept, not logged, not passed on
    if device == devices.BOT:
        return False
    page_id = pages.page_id_for_path(path, site)
    if page_id is None:
        return False
    hosts = pages.own_hosts() if own_hosts is None else own_hosts
    host = devices.referrer_host(referrer, hosts)
    return record_page_id(page_id, host, device, when, views=views)


def record_page_id(
    page_id: int, referrer_host: str, device: str, when: datetime, *, views: int = 1
) -> bool:
    hour = int(when.timestamp()) // 3600 * 3600
    _buffer.add_view((hour, page_id, referrer_host, device), views)
    return True


BEACON_COLUMNS = (
    "ts",
    "page_id",
    "visitor",
    "device",
    "viewport",
    "ttfb",
    "fcp",
    "lcp",
    "inp",
    "cls",
)


def record_beacon(
    *,
    ts: int,
    page_id: int,
    visitor: str,
    device: str,
    viewport: str = "",
    ttfb: int | None = None,
    fcp: int | None = None,
    lcp: int | None = None,
    inp: int | None = None,
    cls: float | None = None,
) -> None:
    """Store one beacon (``BeaconEvent``'s fields). Kept as a plain tuple until written:
    building model instances would cost the request, and the flush, more than the insert."""
    _buffer.add_beacon((ts, page_id, visitor, device, viewport, ttfb, fcp, lcp, inp, cls))


def flush() -> int:
    """Write whatever is waiting now; returns how many events were written."""
    return _buffer.flush()


def pending() -> int:
    return _buffer.pending


class _Buffer:
    def __init__(self):
        self.lock = threading.Lock()
        self.flush_lock = threading.Lock()
        self.views: Counter = Counter()
        self.beacons: list[tuple] = []
        self.pending = 0
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid = None

    @staticmethod
    def interval() -> float:
        return float(getattr(settings, "ANALYTICS_FLUSH_SECONDS", 2.0))

    @staticmethod
    def size() -> int:
        return int(getattr(settings, "ANALYTICS_BUFFER_SIZE", 1000))

    def add_view(self, key, views: int = 1) -> None:
        with self.lock:
            self.views[key] += views
            self.pending += views
        self._after_add()

    def add_beacon(self, row: tuple) -> None:
        with self.lock:
            self.beacons.append(row)
            self.pending += 1
        self._after_add()

    def _after_add(self) -> None:
        if self.interval() <= 0:
            self.flush()
            return
        self._ensure_thread()
        # Rows, not views: under a spike the views of one page add to one key, and waking
        # the writer per thousand of them meant a database connection twenty times a
        # second for what one upsert every ANALYTICS_FLUSH_SECONDS writes as well.
        if self.rows() >= self.size():
            self.wake.set()

    def rows(self) -> int:
        return len(self.views) + len(self.beacons)

    def _ensure_thread(self) -> None:
        # gunicorn forks workers: each process needs a flusher of its own.
        if self.thread is not None and self.pid == os.getpid() and self.thread.is_alive():
            return
        with self.lock:
            if self.thread is not None and self.pid == os.getpid() and self.thread.is_alive():
                return
            self.pid = os.getpid()
            self.thread = threading.Thread(target=self._run, name="analytics-flush", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        while True:
            self.wake.wait(self.interval())
            self.wake.clear()
            try:
                self.flush()
            finally:
                # This thread's connection must not linger between flushes.
                connections.close_all()

    def take(self):
        with self.lock:
            views, beacons = self.views, self.beacons
            self.views, self.beacons, self.pending = Counter(), [], 0
        return views, beacons

    def put_back(self, views: Counter, beacons: list) -> None:
        with self.lock:
            if self.rows() + len(views) + len(beacons) > _MAX_PENDING:
                logger.warning(
                    "analytics: dropped %d view keys and %d beacons after a failed write",
                    len(views),
                    len(beacons),
                )
                return
            self.views.update(views)
            self.beacons.extend(beacons)
            self.pending += sum(views.values()) + len(beacons)

    def flush(self) -> int:
        with self.flush_lock:
            views, beacons = self.take()
            if not views and not beacons:
                return 0
            try:
                write(views, beacons)
            except Exception:
                # Statistics must never take the site down: keep the events for the next
                # try. The message says what failed, never what was recorded.
                logger.exception("analytics: writing buffered statistics failed")
                self.put_back(views, beacons)
                return 0
            return sum(views.values()) + len(beacons)


_buffer = _Buffer()
atexit.register(_buffer.flush)


def write(views: Counter, beacons: list[tuple]) -> None:
    """One transaction: add the counted views to their hourly rows and insert beacons."""
    using = router.db_for_write(HourlyPageViews)
    table = HourlyPageViews._meta.db_table
    sql = (
        f"INSERT INTO {table} (hour, page_id, referrer_host, device, views) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (hour, page_id, referrer_host, device) "
        f"DO UPDATE SET views = {table}.views + excluded.views"
    )
    rows = [(*key, count) for key, count in sorted(views.items())]
    beacon_sql = (
        f"INSERT INTO {BeaconEvent._meta.db_table} ({', '.join(BEACON_COLUMNS)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(BEACON_COLUMNS))})"
    )
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        if rows:
            cursor.executemany(sql, rows)
        if beacons:
            cursor.executemany(beacon_sql, beacons)
