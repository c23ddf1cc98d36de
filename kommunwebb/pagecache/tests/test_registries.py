"""What other apps register with the page cache: the key's variant and clock deadlines."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page

from kommunwebb.pagecache import keys
from kommunwebb.pagecache.invalidation import compute_deadline, next_moment, register_deadline

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=STOCKHOLM)


def test_one_variant_only(monkeypatch):
    def first(request):
        return "a"

    monkeypatch.setattr(keys, "_variant", keys._no_variant)
    keys.register_variant(first)
    keys.register_variant(first)  # the same again is harmless
    with pytest.raises(RuntimeError):
        keys.register_variant(lambda request: "b")
    assert keys.variant(None) == "a"


def test_without_a_variant_every_request_shares_one_key(monkeypatch, rf):
    monkeypatch.setattr(keys, "_variant", keys._no_variant)
    assert keys.variant(rf.get("/", HTTP_SEC_GPC="1")) == keys.variant(rf.get("/")) == ""


def test_the_key_holds_the_variant(rf):
    request = rf.get("/nyheter/")
    assert keys.cache_key(request, "necessary") != keys.cache_key(request, "statistics")


@pytest.mark.django_db
def test_next_moment_is_the_earliest_later_value_of_any_field(home):
    pages = Page.objects.filter(pk=home.pk)
    assert next_moment(pages, ("go_live_at", "expire_at"), NOON) is None
    pages.update(go_live_at=NOON - timedelta(hours=1), expire_at=NOON + timedelta(hours=3))
    assert next_moment(pages, ("go_live_at", "expire_at"), NOON) == NOON + timedelta(hours=3)
    pages.update(go_live_at=NOON + timedelta(hours=2))
    assert next_moment(pages, ("go_live_at", "expire_at"), NOON) == NOON + timedelta(hours=2)
    assert next_moment(pages, ("go_live_at", "expire_at"), NOON + timedelta(hours=3)) is None


@pytest.mark.django_db
def test_a_registered_deadline_bounds_every_entry(monkeypatch):
    from kommunwebb.pagecache import invalidation

    monkeypatch.setattr(invalidation, "_deadlines", list(invalidation._deadlines))
    assert compute_deadline(NOON) > NOON + timedelta(minutes=5)
    register_deadline(lambda now: now + timedelta(minutes=5))
    assert compute_deadline(NOON) == NOON + timedelta(minutes=5)


# --- Warming the most wanted pages after a publish --------------------------------------


def test_warm_paths_are_the_crisis_page_then_the_most_wanted_each_once(monkeypatch, settings):
    from kommunwebb.pagecache import varnish

    settings.PAGECACHE_WARM_PATHS = ("/kris/",)
    settings.PAGECACHE_WARM_POPULAR = 2
    monkeypatch.setattr(varnish, "_popular_sources", [])
    asked = []

    def popular(limit):
        asked.append(limit)
        return ["/nyheter/", "/kris/", "/evenemang/", "/skola/"]

    def broken(limit):
        raise RuntimeError("the statistics are down")

    varnish.register_popular(popular)
    varnish.register_popular(broken)
    varnish.register_popular(popular)  # once only
    assert varnish.warm_paths() == ["/kris/", "/nyheter/"]
    assert asked == [2]
    settings.PAGECACHE_WARM_POPULAR = 0
    assert varnish.warm_paths() == ["/kris/"]


def test_after_a_publish_the_warmer_fetches_them_in_the_background(monkeypatch, settings):
    from kommunwebb.pagecache import varnish

    settings.PAGECACHE_VARNISH_URL = "http://127.0.0.1:9"
    settings.PAGECACHE_WARM_PATHS = ()
    settings.PAGECACHE_WARM_POPULAR = 5
    monkeypatch.setattr(varnish, "_popular_sources", [lambda limit: ["/nyheter/a/"]])
    monkeypatch.setattr(varnish, "purge_all", lambda: True)
    warmed, threads = [], []
    monkeypatch.setattr(varnish, "warm", lambda paths=None: warmed.append(paths))

    real_thread = varnish.threading.Thread

    class Joined:
        """A real thread (the warmer closes its own connections, never the test's), joined at
        once so the test can look at what it did."""

        def __init__(self, target, name, daemon):
            self.thread = real_thread(target=target, name=name, daemon=daemon)
            threads.append(name)

        def start(self):
            self.thread.start()
            self.thread.join(timeout=10)

    monkeypatch.setattr(varnish.threading, "Thread", Joined)
    varnish.after_invalidation()
    assert warmed == [["/nyheter/a/"]]
    assert threads == ["pagecache-warm"]


def test_apps_register_their_own_varnish_log_records():
    """`ingest_pageviews --varnishlog` hands each app its own "kw…" records: the search app
    the searches Varnish answered ("kws"); page views ("kw") stay the analytics app's."""
    from kommunwebb.pagecache import varnish
    from kommunwebb.search import stats

    assert varnish.log_records()["kws"] == (stats.record_cached, stats.flush)
    for tag in ("kw", "xyz", "kw1", "KWS", "kw s"):
        with pytest.raises(ValueError):
            varnish.register_log_record(tag, stats.record_cached)
