import pytest

from kommunwebb.operations.tests.conftest import isolated_jobs  # noqa: F401
from kommunwebb.retention import registry


@pytest.fixture
def isolated_registry():
    """Kinds registered in a test vanish after it."""
    kinds = dict(registry._kinds)
    yield registry
    registry._kinds.clear()
    registry._kinds.update(kinds)
