from contextlib import contextmanager

import pytest
from django.db import connection

from kommunwebb.news.factories import NewsIndexPageFactory
from kommunwebb.pagecache import memo
from kommunwebb.pagecache.conf import page_cache
from kommunwebb.pagecache.invalidation import _bump


@pytest.fixture
def pagecache(settings):
    """The page cache switched on, empty, with entries that live as long as the clock allows."""
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_TTL = 3600
    page_cache().clear()
    memo.clear()
    yield page_cache()
    page_cache().clear()
    memo.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit(): ...`` runs what the block left for after the commit (invalidation),
    as a real request's transaction would."""

    @contextmanager
    def run():
        # The test's own transaction never commits: an invalidation left pending by fixtures
        # would stand in for the ones in this block (one bump per transaction), so drop it.
        connection.run_on_commit = [e for e in connection.run_on_commit if e[1] is not _bump]
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return run


@pytest.fixture
def news_index(home, commit):
    with commit():
        index = NewsIndexPageFactory(parent=home)
        index.save_revision().publish()
    return index
