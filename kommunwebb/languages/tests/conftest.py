import pytest
from django.urls import clear_url_caches


@pytest.fixture(autouse=True)
def fresh_url_caches():
    """Django keeps reversed addresses per language and does not drop them when a test
    changes LANGUAGE_CODE (core's test of the English interface does): /en/ would then
    reverse without its prefix in the tests that run after it."""
    clear_url_caches()
    yield
    clear_url_caches()
