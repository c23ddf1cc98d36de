"""The embedded page cache's file cache: storing a page does not list the directory each
time, and making room never drops the content generation."""

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
