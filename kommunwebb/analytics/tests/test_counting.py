"""Server-side page views: counted without consent, cookie or identifier."""

import io
import os
import threading
import time
import types
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from kommunwebb.analytics import recording
from kommunwebb.analytics.models import HourlyPageViews

from .conftest import BROWSER, PHONE

pytestmark = pytest.mark.django_db


def views():
    return list(
        HourlyPageViews.objects.order_by("id").values_list(
            "page_id", "referrer_host", "device", "views"
        )
    )


def test_a_page_view_is_counted_with_referrer_host_and_device(client, article):
    response = client.get(
        "/luftkvalitet/",
        headers={"User-Agent": PHONE, "Referer": "https://www.google.com/search?q=luft"},
    )
    assert response.status_code == 200
    assert views() == [(article.pk, "google.com", "m", 1)]
    assert not response.cookies, "counting sets no cookie"


def test_views_in_the_same_hour_add_up_and_internal_referrers_are_dropped(client, article):
    for _ in range(3):
        client.get(
            "/luftkvalitet/", headers={"User-Agent": BROWSER, "Referer": "http://testserver/"}
        )
    assert views() == [(article.pk, "", "d", 3)]


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/luftkvalitet/", {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"}),
        ("/luftkvalitet/", {"User-Agent": BROWSER, "Sec-Purpose": "prefetch"}),
        ("/finns-inte/", {"User-Agent": BROWSER}),
        ("/sok/?q=luft", {"User-Agent": BROWSER}),
    ],
)
def test_bots_prefetches_missing_pages_and_other_views_are_not_counted(
    client, article, path, headers
):
    client.get(path, headers=headers)
    assert views() == []


def test_head_requests_are_not_counted(client, article):
    client.head("/luftkvalitet/", headers={"User-Agent": BROWSER})
    assert views() == []


def test_admin_and_preview_are_not_counted(admin_client, article):
    admin_client.get(f"/admin/pages/{article.pk}/edit/", headers={"User-Agent": BROWSER})
    admin_client.get(f"/admin/pages/{article.pk}/edit/preview/", headers={"User-Agent": BROWSER})
    assert views() == []


def test_private_pages_are_not_counted(client, article):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    response = client.get("/luftkvalitet/", headers={"User-Agent": BROWSER})
    assert response.status_code == 200  # the password form
    assert views() == []


def test_record_pageview_contract(article):
    when = datetime(2026, 3, 1, 10, 59, 59, tzinfo=UTC)
    assert recording.record_pageview("/luftkvalitet/", "", BROWSER, when)
    assert not recording.record_pageview("/nope/", "", BROWSER, when)
    assert not recording.record_pageview("/luftkvalitet/", "", "curl/8.0", when)
    row = HourlyPageViews.objects.get()
    assert row.hour == int(datetime(2026, 3, 1, 10, tzinfo=UTC).timestamp())


def test_buffered_views_become_one_upsert_per_key(article, settings, monkeypatch):
    settings.ANALYTICS_FLUSH_SECONDS = 3600
    settings.ANALYTICS_BUFFER_SIZE = 10**6
    # No background thread in a test: flush by hand below.
    monkeypatch.setattr(recording._buffer, "_ensure_thread", lambda: None)
    when = datetime(2026, 3, 1, 10, tzinfo=UTC)
    for _ in range(500):
        recording.record_pageview("/luftkvalitet/", "", BROWSER, when)
    recording.record_pageview("/luftkvalitet/", "https://duckduckgo.com/", PHONE, when)
    assert views() == [] and recording.pending() == 501
    assert recording.flush() == 501
    assert sorted(views()) == [(article.pk, "", "d", 500), (article.pk, "duckduckgo.com", "m", 1)]


def test_the_writer_is_woken_by_rows_waiting_not_by_views(article, settings, monkeypatch):
    # A spike's views of one page are one row: they wait for the interval (one upsert), and
    # only many different rows (or beacons) wake the writer early.
    settings.ANALYTICS_FLUSH_SECONDS = 3600
    settings.ANALYTICS_BUFFER_SIZE = 3
    monkeypatch.setattr(recording._buffer, "_ensure_thread", lambda: None)
    monkeypatch.setattr(recording._buffer, "wake", threading.Event())
    when = datetime(2026, 3, 1, 10, tzinfo=UTC)
    for _ in range(50):
        recording.record_pageview("/luftkvalitet/", "", BROWSER, when)
    recording.record_pageview("/luftkvalitet/", "", PHONE, when)
    assert not recording._buffer.wake.is_set() and recording.pending() == 51
    recording.record_pageview("/luftkvalitet/", "https://duckduckgo.com/", PHONE, when)
    assert recording._buffer.wake.is_set()
    assert recording.flush() == 52


def test_a_failed_write_keeps_the_events_for_the_next_flush(article, monkeypatch, settings):
    calls = []

    def failing(views, beacons):
        calls.append(1)
        raise RuntimeError("database is locked")

    monkeypatch.setattr(recording, "write", failing)
    when = datetime(2026, 3, 1, 10, tzinfo=UTC)
    recording.record_pageview("/luftkvalitet/", "", BROWSER, when)
    assert recording.pending() == 1
    monkeypatch.undo()
    assert recording.flush() == 1
    assert views() == [(article.pk, "", "d", 1)]


def test_ingest_pageviews_reads_varnish_lines(article):
    lines = "\n".join(
        [
            f"/luftkvalitet/\thttps://www.bing.com/\t{BROWSER}",
            f"/luftkvalitet/\t-\t{PHONE}",
            "/v%C3%A4der/\t-\t" + BROWSER,  # no such page
            "/luftkvalitet/\t-\tcurl/8.0",
            "garbage",
            f"/luftkvalitet/\t-\t{BROWSER}\t404",
        ]
    )
    out = io.StringIO()
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(lines + "\n")
    try:
        call_command("ingest_pageviews", stdout=out)
    finally:
        sys.stdin = old
    assert "Counted 2 page views; ignored 4 lines." in out.getvalue()
    assert sorted(views()) == [(article.pk, "", "m", 1), (article.pk, "bing.com", "d", 1)]


class TrickleStream:
    """Standard input as a pipe hands it over: a few bytes at a time, lines cut anywhere."""

    def __init__(self, data: bytes, size: int):
        self.buffer = self
        self.data, self.size = data, size

    def read1(self, n):
        chunk, self.data = self.data[: min(n, self.size)], self.data[min(n, self.size) :]
        return chunk


def ingest(stream, *args):
    import sys

    out, old = io.StringIO(), sys.stdin
    sys.stdin = stream
    try:
        call_command("ingest_pageviews", *args, stdout=out)
    finally:
        sys.stdin = old
    return out.getvalue()


def varnishlog_records(count: int, line: str, start: int = 32770) -> bytes:
    return "".join(
        f"{start + 2 * n:>10} VCL_Log        c kw\t{line}\n" for n in range(count)
    ).encode()


@pytest.mark.parametrize("size", [7, 1 << 16])
def test_ingest_pageviews_counts_varnish_records_in_blocks(article, size):
    """Varnish's own records (services.hit_log_command), however the pipe cuts them: every
    view counted once, identical lines together, the query string and a tab in the user
    agent no obstacle, other log records and bots ignored."""
    data = (
        varnishlog_records(1500, f"/luftkvalitet/\thttps://www.bing.com/\t{BROWSER}")
        + varnishlog_records(700, f"/luftkvalitet/?a=1\t\t{PHONE}\twith a tab")
        + varnishlog_records(5, "/luftkvalitet/\t\tcurl/8.0")
        + b"     32999 VCL_Log        c something else\n"
        + b"     33001 Begin          c req 33000 rxreq\n"
    )
    output = ingest(TrickleStream(data, size), "--varnishlog")
    assert "Counted 2200 page views; ignored 5 lines." in output
    assert sorted(views()) == [(article.pk, "", "m", 700), (article.pk, "bing.com", "d", 1500)]


def test_a_pipe_is_handed_over_in_batches_not_per_write():
    """`varnishlog` writes 4 kB at a time; the counting runs on what came within half a
    second at once, and a pipe that goes quiet is still handed over without waiting for
    more."""
    from kommunwebb.analytics.management.commands.ingest_pageviews import blocks

    first = varnishlog_records(3000, f"/luftkvalitet/\t-\t{BROWSER}")
    second = varnishlog_records(10, f"/luftkvalitet/\t-\t{PHONE}")
    read, write = os.pipe()

    def writer():
        for start in range(0, len(first), 4096):
            os.write(write, first[start : start + 4096])
            time.sleep(0.001)
        time.sleep(1.5)
        os.write(write, second)
        os.close(write)

    thread = threading.Thread(target=writer)
    thread.start()
    with open(read, "rb") as pipe:
        handed = list(blocks(types.SimpleNamespace(buffer=pipe)))
    thread.join()
    assert len(first) // 4096 > 50
    assert handed == [first, second]


@pytest.fixture
def page_cache_on(settings):
    from kommunwebb.pagecache import memo
    from kommunwebb.pagecache.conf import page_cache

    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_TTL = 3600
    page_cache().clear()
    memo.clear()
    yield
    page_cache().clear()
    memo.clear()


def test_views_served_from_the_page_cache_are_counted(client, article, page_cache_on):
    first = client.get("/luftkvalitet/", headers={"User-Agent": BROWSER})
    second = client.get("/luftkvalitet/", headers={"User-Agent": BROWSER})
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert views() == [(article.pk, "", "d", 2)]


def test_views_are_counted_with_the_page_cache_switched_off(client, article, settings):
    settings.PAGECACHE_ENABLED = False
    for _ in range(2):
        response = client.get("/luftkvalitet/", headers={"User-Agent": BROWSER})
        assert response.get("X-Page-Cache") != "hit"
    assert views() == [(article.pk, "", "d", 2)]


def test_page_served_signal_counts_hits(rf, article):
    from django.http import HttpResponse

    from kommunwebb.analytics.counting import on_page_served

    request = rf.get("/luftkvalitet/", headers={"User-Agent": BROWSER})
    on_page_served(None, request=request, response=HttpResponse("<p>hi</p>"), hit=True)
    assert views() == [(article.pk, "", "d", 1)]


def test_the_most_viewed_pages_of_the_last_hour_are_named_for_warming(home, article):
    from kommunwebb.analytics.pages import most_viewed_paths
    from kommunwebb.core.factories import StandardPageFactory

    now = datetime(2026, 11, 30, 10, 20, tzinfo=UTC).timestamp()
    hour = int(now) // 3600 * 3600
    school = StandardPageFactory(parent=home, slug="skola", title="Skola")
    draft = StandardPageFactory(parent=home, slug="utkast", title="Utkast", live=False)
    old = StandardPageFactory(parent=home, slug="gammal", title="Gammal")
    for page, when, count in (
        (article, hour, 30),
        (school, hour - 3600, 20),
        (school, hour, 15),
        (draft, hour, 500),  # not public: never fetched
        (old, hour - 7200, 900),  # two hours ago
    ):
        HourlyPageViews.objects.create(
            hour=when, page_id=page.pk, referrer_host="", device="d", views=count
        )
    assert most_viewed_paths(5, now=now) == ["/skola/", "/luftkvalitet/"]
    assert most_viewed_paths(1, now=now) == ["/skola/"]
