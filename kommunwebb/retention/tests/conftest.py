import pytest

from kommunwebb.operations.tests.conftest import isolated_jobs  # noqa: F401
from kommunwebb.retention import registry


@pytest.fixture
def isolated_registry():
    """Kinds and sources registered in a test vanish after it."""
    kinds, sources = dict(registry._kinds), dict(registry._sources)
    yield registry
    registry._kinds.clear()
    registry._kinds.update(kinds)
    registry._sources.clear()
    registry._sources.update(sources)
