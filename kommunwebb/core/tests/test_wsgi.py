"""What each gunicorn worker does once the application is loaded (kommunwebb/wsgi.py)."""

import gc

from django.urls import clear_url_caches, get_resolver


def test_settle_loads_the_urlconf_and_freezes_what_is_alive():
    from kommunwebb.wsgi import settle

    clear_url_caches()
    assert gc.get_freeze_count() == 0
    try:
        settle()
        # Loaded, not built on the first request: asking for url_patterns would load them
        # itself, so look for what settle() left in the cached resolver.
        assert "url_patterns" in vars(get_resolver())
        # Every object alive now is out of the collector's way: a full collection that had
        # to walk them would take this process a tenth of a second or more.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
