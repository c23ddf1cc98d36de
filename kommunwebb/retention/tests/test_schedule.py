"""The self-rescheduling daily job on the django-tasks database backend."""

from datetime import UTC, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from kommunwebb.retention import schedule
from kommunwebb.retention.models import PurgeRun

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def local(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


def test_daily_job_runs_at_local_wall_clock_time_across_dst():
    job = schedule.Job("x", lambda: None, timedelta(days=1), time(3, 30))
    # Before and after the spring and autumn changes, always 03:30 local time.
    assert job.next_run(local(2025, 3, 29, 3, 30)) == local(2025, 3, 30, 3, 30)
    assert job.next_run(local(2025, 3, 30, 3, 31)) == local(2025, 3, 31, 3, 30)
    assert job.next_run(local(2025, 10, 25, 3, 30)) == local(2025, 10, 26, 3, 30)
    assert job.first_run(local(2025, 6, 1, 1, 0)) == local(2025, 6, 1, 3, 30)
    assert job.first_run(local(2025, 6, 1, 4, 0)) == local(2025, 6, 2, 3, 30)


def test_interval_jobs_and_validation():
    hourly = schedule.Job("h", lambda: None, timedelta(hours=1))
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert hourly.next_run(now) == now + timedelta(hours=1)
    assert hourly.first_run(now) == now
    with pytest.raises(ValueError):
        schedule.register_job("bad", lambda: None, every=timedelta(hours=5), at=time(1, 0))


def test_the_purge_is_registered_as_a_daily_job():
    job = schedule.get_job("retention.purge_expired")
    assert (job.every, job.at) == (timedelta(days=1), time(3, 30))


@pytest.mark.django_db
def test_schedule_jobs_without_a_deferring_backend_queues_nothing():
    out = StringIO()
    call_command("schedule_jobs", stdout=out)
    assert "not queued" in out.getvalue()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_ensure_scheduled_is_idempotent(isolated_registry):
    with time_machine.travel(local(2025, 6, 1, 12, 0), tick=False):
        call_command("schedule_jobs", stdout=StringIO())
        out = StringIO()
        call_command("schedule_jobs", stdout=out)
    assert "already queued" in out.getvalue()
    runs = schedule.queued_runs("retention.purge_expired")
    assert len(runs) == 1
    assert runs[0].run_after == local(2025, 6, 2, 3, 30)
    assert schedule.next_run_at("retention.purge_expired") == local(2025, 6, 2, 3, 30)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_worker_runs_the_purge_and_queues_the_next_run(isolated_registry):
    schedule._jobs.clear()
    schedule.register_job(
        "retention.purge_expired",
        "kommunwebb.retention.engine.purge_expired_job",
        at=time(3, 30),
    )
    schedule.ensure_scheduled()
    # Make the queued run due now, as if the night had come.
    DBTaskResult.objects.update(run_after=datetime(2000, 1, 1, tzinfo=UTC))
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=StringIO()
    )
    done = DBTaskResult.objects.get(status="SUCCESSFUL")
    assert "logs.application" in done.return_value
    assert PurgeRun.objects.filter(kind="logs.application").exists()
    queued = schedule.queued_runs("retention.purge_expired")
    assert len(queued) == 1 and queued[0].run_after > done.finished_at


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_a_failing_job_still_has_its_next_run_queued(isolated_registry):
    schedule._jobs.clear()

    def explode():
        raise RuntimeError("boom")

    schedule.register_job("test.explode", explode, every=timedelta(hours=1))
    schedule.ensure_scheduled()
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=StringIO()
    )
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert len(schedule.queued_runs("test.explode")) == 1
