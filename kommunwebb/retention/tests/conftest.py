import pytest

from kommunwebb.retention import registry, schedule


@pytest.fixture
def isolated_registry():
    """Kinds, sources and jobs registered in a test vanish after it."""
    kinds, sources, jobs = dict(registry._kinds), dict(registry._sources), dict(schedule._jobs)
    yield registry
    registry._kinds.clear()
    registry._kinds.update(kinds)
    registry._sources.clear()
    registry._sources.update(sources)
    schedule._jobs.clear()
    schedule._jobs.update(jobs)
