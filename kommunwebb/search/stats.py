"""What residents look for, counted per day for the editors, without anything about them.

Every search is counted under its words (lower-cased, ``normalise_query``) and the day,
with the number of pages it found; a search that found nothing also in the older
"Sökningar utan träffar" table; a suggestion taken under the search box under what had
been typed and the page chosen. Nothing else: no time of day, address, user agent, session
or cookie. Counts wait in memory and are written in a few upserts by a background thread
every ``SEARCH_FLUSH_SECONDS`` (default: ``ANALYTICS_FLUSH_SECONDS``, 2 s; 0 writes at
once, as the tests do), so a search answered from the cache never waits for the database
(the way ``analytics/recording.py`` counts page views). At most
``MAX_NEW_QUERIES_PER_DAY`` distinct queries are added a day, so random strings cannot grow
the tables without bound.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections import Counter
from datetime import date
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.db.models import F
from django.utils import timezone

from kommunwebb.search.models import SearchQueryDay, SuggestionChoice, ZeroResultQuery
from kommunwebb.search.text import normalise_query

logger = logging.getLogger(__name__)

MAX_NEW_QUERIES_PER_DAY = 5_000
_MAX_PENDING = 100_000


def record_search(
    query: str, hits: int, *, zero_counts: bool, today: date | None = None, times: int = 1
):
    """Count one search (or ``times`` the same). ``zero_counts``: a search that found
    nothing goes into the zero-hit report too (not when a filter emptied it)."""
    text = normalise_query(query)
    if not text:
        return
    today = today or timezone.localdate()
    _buffer.add(("q", today, text, 0), hits, times)
    if hits == 0 and zero_counts:
        _buffer.add(("z", today, text, 0), 0, times)


def record_cached(records: Counter) -> int:
    """Count the searches Varnish answered from its cache, which never reached the app:
    the VCL's "kws" records (deploy/varnish/), handed over by ``manage.py ingest_pageviews
    --varnishlog`` as "<address><TAB><hits> <0|1>" (bytes) and how often each came. The
    address gives the query as the app read it (its last ``q``), the rest is what the app
    said when it rendered the page (views.STATS_HEADER). Returns the searches counted."""
    counted = 0
    for record, times in records.items():
        try:
            url, numbers = record.decode("utf-8", "replace").rsplit("\t", 1)
            hits, zero = (int(number) for number in numbers.split())
        except ValueError:
            continue
        params = parse_qsl(urlsplit(url).query, keep_blank_values=True, errors="replace")
        queries = [value for name, value in params if name == "q"]
        if not queries or hits < 0:
            continue
        record_search(queries[-1].strip(), hits, zero_counts=bool(zero), times=times)
        counted += times
    return counted


def record_suggestion(query: str, page_id: int, today: date | None = None):
    text = normalise_query(query)
    if text:
        _buffer.add(("s", today or timezone.localdate(), text, page_id), 0)


def flush() -> int:
    return _buffer.flush()


class _Buffer:
    def __init__(self):
        self.lock = threading.Lock()
        self.flush_lock = threading.Lock()
        self.counts: Counter = Counter()
        self.hits: dict = {}
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid = None

    @staticmethod
    def interval() -> float:
        default = getattr(settings, "ANALYTICS_FLUSH_SECONDS", 2.0)
        return float(getattr(settings, "SEARCH_FLUSH_SECONDS", default))

    def add(self, key, hits: int, times: int = 1) -> None:
        with self.lock:
            if len(self.counts) >= _MAX_PENDING and key not in self.counts:
                return
            self.counts[key] += times
            self.hits[key] = hits
        if self.interval() <= 0:
            self.flush()
            return
        if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
            with self.lock:
                if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
                    self.pid = os.getpid()
                    self.thread = threading.Thread(
                        target=self._run, name="search-stats-flush", daemon=True
                    )
                    self.thread.start()

    def _run(self) -> None:
        while True:
            self.wake.wait(self.interval())
            self.wake.clear()
            try:
                self.flush()
            finally:
                connections.close_all()

    def flush(self) -> int:
        with self.flush_lock:
            with self.lock:
                counts, hits = self.counts, self.hits
                self.counts, self.hits = Counter(), {}
            if not counts:
                return 0
            try:
                write(counts, hits)
            except Exception:
                # Statistics must never take search down; the message names no query.
                logger.exception("search statistics: writing the counts failed")
                return 0
            return sum(counts.values())


_buffer = _Buffer()
atexit.register(_buffer.flush)


def _add(model, lookup: dict, count: int, extra: dict | None = None) -> None:
    """Add ``count`` to the day's row, creating it within the day's allowance."""
    rows = model.objects.filter(**lookup)
    updates = {"count": F("count") + count, **(extra or {})}
    if rows.update(**updates):
        return
    if model.objects.filter(day=lookup["day"]).count() >= MAX_NEW_QUERIES_PER_DAY:
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, count=count, **(extra or {}))
    except IntegrityError:
        rows.update(**updates)


def write(counts: Counter, hits: dict) -> None:
    with transaction.atomic():
        for key, count in sorted(counts.items(), key=lambda item: repr(item[0])):
            kind, day, text, page_id = key
            if kind == "q":
                _add(SearchQueryDay, {"query": text, "day": day}, count, {"hits": hits[key]})
            elif kind == "z":
                _add(ZeroResultQuery, {"query": text, "day": day}, count)
            elif kind == "s":
                _add(SuggestionChoice, {"query": text, "day": day, "page_id": page_id}, count)
