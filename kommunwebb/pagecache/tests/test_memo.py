"""Site-wide facts kept per content generation (memo.py): computed once, never stale."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.pagecache import memo
from kommunwebb.pagecache.invalidation import invalidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute, calls


def test_a_value_is_computed_once_per_generation(pagecache, commit, counted):
    compute, calls = counted
    assert memo.shared("k", compute) == 1
    assert memo.shared("k", compute) == 1
    with commit():
        invalidate("test")
    assert memo.shared("k", compute) == 2
    assert len(calls) == 2


def test_a_value_is_computed_again_after_the_generations_deadline(pagecache, counted):
    compute, calls = counted
    memo.shared("k", compute)
    # The deadline is midnight at the latest (nothing else is scheduled here).
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1), tick=False):
        assert memo.shared("k", compute) == 2


def test_nothing_is_kept_with_the_page_cache_off(settings, counted):
    settings.PAGECACHE_ENABLED = False
    compute, calls = counted
    memo.shared("k", compute)
    memo.shared("k", compute)
    assert len(calls) == 2


def test_the_generation_is_read_once_per_request(pagecache, commit, rf):
    request = rf.get("/")
    memo.shared("a", lambda: "a", request)
    first = request._pagecache_generation
    with commit():
        invalidate("test")  # a request keeps the generation it started with
    assert memo.shared("b", lambda: "b", request) == "b"
    assert request._pagecache_generation == first


def test_a_page_published_into_the_menu_appears_in_it(client, pagecache, commit, home):
    client.get("/sok/")
    with commit():
        page = StandardPageFactory(parent=home, title="Bygga och bo", show_in_menus=True)
        page.save_revision().publish()
    assert 'href="/bygga-och-bo/"' in client.get("/sok/").content.decode()


def test_a_second_render_asks_the_database_nothing_site_wide(client, pagecache, home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/sok/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/sok/")
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "alerts_alert" not in tables
    assert "wagtailcore_site" not in tables
    assert "taxonomy_topic" not in tables
