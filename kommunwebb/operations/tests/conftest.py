import pytest

from kommunwebb.operations import schedule


@pytest.fixture
def isolated_jobs():
    """Only the jobs a test registers; every app's jobs are back after it."""
    jobs = dict(schedule._jobs)
    schedule._jobs.clear()
    yield schedule
    schedule._jobs.clear()
    schedule._jobs.update(jobs)
