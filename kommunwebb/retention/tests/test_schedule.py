"""The nightly purge, run by the task worker through the recurring-job scheduler."""

from datetime import UTC, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from kommunwebb.operations import schedule
from kommunwebb.retention.models import PurgeRun

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOB = "retention.purge_expired"


def local(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


def test_the_purge_is_registered_as_a_daily_job_at_half_past_three():
    job = schedule.get_job(JOB)
    assert (job.every, job.at) == (timedelta(days=1), time(3, 30))
    assert job.func == "kommunwebb.retention.engine.purge_expired_job"


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_schedule_jobs_queues_the_first_purge_for_the_coming_night():
    with time_machine.travel(local(2025, 6, 1, 12, 0), tick=False):
        call_command("schedule_jobs", stdout=StringIO())
    assert schedule.next_run_at(JOB) == local(2025, 6, 2, 3, 30)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_worker_runs_the_purge_and_queues_the_next_run(isolated_jobs):
    schedule.register_job(JOB, "kommunwebb.retention.engine.purge_expired_job", at=time(3, 30))
    schedule.ensure_scheduled()
    # Make the queued run due now, as if the night had come.
    DBTaskResult.objects.update(run_after=datetime(2000, 1, 1, tzinfo=UTC))
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=StringIO()
    )
    done = DBTaskResult.objects.get(status="SUCCESSFUL")
    assert "logs.application" in done.return_value
    assert PurgeRun.objects.filter(kind="logs.application").exists()
    queued = schedule.queued_runs(JOB)
    assert len(queued) == 1 and queued[0].run_after > done.finished_at
