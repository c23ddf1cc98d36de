import pytest

from kommunwebb.gdpr import sources as source_registry


@pytest.fixture
def isolated_sources():
    """Only the sources a test registers; every app's sources are back after it."""
    registered = dict(source_registry._sources)
    source_registry._sources.clear()
    yield source_registry
    source_registry._sources.clear()
    source_registry._sources.update(registered)
