import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The rate limit counts in the shared local-memory cache; start each test at zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
