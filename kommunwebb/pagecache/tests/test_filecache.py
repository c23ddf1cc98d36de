"""The embedded page cache's file cache: storing a page does not list the directory each
time, and making room never drops the content generation."""

import time

from kommunwebb.pagecache.filecache import PageFileCache
from kommunwebb.pagecache.invalidation import DEADLINE_KEY, GENERATION_KEY


def cache(tmp_path, **options):
    return PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, **options}})


def test_storing_pages_counts_the_directory_once_per_interval(tmp_path, monkeypatch):
    pages = cache(tmp_path, CULL_INTERVAL=3600)
    listings = []
    original = pages._list_cache_files
    monkeypatch.setattr(pages, "_list_cache_files", lambda: listings.append(1) or original())
    for number in range(30):
        pages.set(f"page-{number}", b"<html>", 60)
    # Django's own file cache lists it on every set: 30 times.
    assert len(listings) == 1
    assert pages.get("page-29") == b"<html>"


def test_making_room_keeps_the_generation_and_its_deadline(tmp_path):
    pages = cache(tmp_path, CULL_INTERVAL=0, CULL_FREQUENCY=2)
    pages.set(GENERATION_KEY, "18ecdbc1de56df10-f8c29e", None)
    pages.set(DEADLINE_KEY, 1_800_000_000, None)
    for number in range(200):
        pages.set(f"page-{number}", b"<html>", 60)
    assert pages.get(GENERATION_KEY) == "18ecdbc1de56df10-f8c29e"
    assert pages.get(DEADLINE_KEY) == 1_800_000_000
    # And room is still made: about MAX_ENTRIES, not 200.
    assert len(pages._list_cache_files()) <= 20


def test_culling_everything_still_keeps_the_generation(tmp_path):
    pages = cache(tmp_path, CULL_INTERVAL=0, CULL_FREQUENCY=0)
    pages.set(GENERATION_KEY, "g1", None)
    for number in range(15):
        pages.set(f"page-{number}", b"<html>", 60)
    assert pages.get(GENERATION_KEY) == "g1"


def _entry(content):
    from kommunwebb.pagecache.middleware import CacheEntry

    return CacheEntry("g1", 2_000_000_000, 200, [("Content-Type", "text/html")], content)


def test_a_page_read_once_is_answered_from_memory_until_its_file_changes(tmp_path, monkeypatch):
    from kommunwebb.pagecache import filecache

    writer, reader = cache(tmp_path), cache(tmp_path)  # two processes, or two threads
    writer.set("page", _entry(b"<html>1"), 60)
    inflated = []
    original = filecache.zlib.decompress
    monkeypatch.setattr(
        filecache.zlib, "decompress", lambda data: inflated.append(1) or original(data)
    )
    assert reader.get("page").content == b"<html>1"
    assert reader.get("page").content == b"<html>1"
    assert len(inflated) == 1
    writer.set("page", _entry(b"<html>2"), 60)
    assert reader.get("page").content == b"<html>2"
    writer.delete("page")
    assert reader.get("page") is None


def test_only_the_page_caches_entries_are_kept_and_expiry_holds(tmp_path, monkeypatch):
    from kommunwebb.pagecache import filecache

    pages = cache(tmp_path)
    pages.set("results", [1, 2], 60)
    pages.get("results").append(3)  # a caller changing what it read changes nothing stored
    assert pages.get("results") == [1, 2]
    pages.set("page", _entry(b"<html>"), 60)
    assert pages.get("page").content == b"<html>"
    now = time.time()
    monkeypatch.setattr(filecache.time, "time", lambda: now + 61)
    assert pages.get("page") is None
    assert pages._key_to_file("page") not in pages._list_cache_files()
