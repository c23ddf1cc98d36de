"""Self-rescheduling recurring jobs on the django-tasks database backend."""

import importlib
from datetime import UTC, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from kommunwebb.operations import schedule

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TICKS = []


def local(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


def tick():
    """A job, found by its dotted path as a registered job is in the worker."""
    TICKS.append(1)
    return {"ticks": len(TICKS)}


def worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=StringIO()
    )


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
    with pytest.raises(ValueError):
        schedule.register_job("bad", lambda: None, every=timedelta(0))


@pytest.mark.django_db
def test_schedule_jobs_without_a_deferring_backend_queues_nothing():
    out = StringIO()
    call_command("schedule_jobs", stdout=out)
    assert "not queued" in out.getvalue()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_ensure_scheduled_is_idempotent(isolated_jobs):
    schedule.register_job("test.nightly", f"{__name__}.tick", at=time(3, 30))
    with time_machine.travel(local(2025, 6, 1, 12, 0), tick=False):
        call_command("schedule_jobs", stdout=StringIO())
        out = StringIO()
        call_command("schedule_jobs", stdout=out)
    assert "test.nightly: next run already queued for 2025-06-02 03.30" in out.getvalue()
    runs = schedule.queued_runs("test.nightly")
    assert len(runs) == 1
    assert runs[0].run_after == local(2025, 6, 2, 3, 30)
    assert schedule.next_run_at("test.nightly") == local(2025, 6, 2, 3, 30)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_worker_runs_a_due_job_and_queues_its_next_run(isolated_jobs):
    TICKS.clear()
    schedule.register_job("test.tick", f"{__name__}.tick", every=timedelta(hours=1))
    schedule.ensure_scheduled()
    worker()
    done = DBTaskResult.objects.get(status="SUCCESSFUL")
    assert done.return_value == {"ticks": 1}
    queued = schedule.queued_runs("test.tick")
    assert len(queued) == 1 and queued[0].run_after > done.finished_at


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_a_failing_job_still_has_its_next_run_queued(isolated_jobs):
    def explode():
        raise RuntimeError("boom")

    schedule.register_job("test.explode", explode, every=timedelta(hours=1))
    schedule.ensure_scheduled()
    worker()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert len(schedule.queued_runs("test.explode")) == 1


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_a_job_no_longer_registered_lapses(isolated_jobs):
    schedule.register_job("test.gone", f"{__name__}.tick", every=timedelta(hours=1))
    schedule.ensure_scheduled()
    schedule.unregister_job("test.gone")
    worker()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert schedule.queued_runs("test.gone") == []


OLD_PATH = "kommunwebb.retention.schedule.run_recurring"


@pytest.mark.django_db
def test_runs_queued_before_the_scheduler_moved_are_moved_with_it():
    """An installation upgraded with `migrate` keeps its queued runs: they name the task
    by its module path, which moved from the retention app to this one."""
    migration = importlib.import_module(
        "kommunwebb.operations.migrations.0001_recurring_jobs_moved"
    )
    common = {"queue_name": "default", "backend_name": "default", "priority": 0}
    queued = DBTaskResult.objects.create(
        task_path=OLD_PATH, status="READY", args_kwargs={"args": ["x"], "kwargs": {}}, **common
    )
    finished = DBTaskResult.objects.create(
        task_path=OLD_PATH, status="SUCCESSFUL", args_kwargs={"args": ["x"], "kwargs": {}}, **common
    )
    migration.move_queued_runs(apps, None)
    queued.refresh_from_db()
    finished.refresh_from_db()
    assert queued.task_path == schedule.run_recurring.module_path
    assert queued.task.func is schedule.run_recurring.func
    assert finished.task_path == OLD_PATH  # history is left as it was
