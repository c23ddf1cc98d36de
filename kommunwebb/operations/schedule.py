"""Recurring jobs on the django-tasks database worker, without cron.

A job is a plain function registered with a name and an interval. It runs inside the
task :data:`run_recurring`, which first queues the job's next run and then calls it, so a
job that fails (or a worker killed mid-job) still leaves its next run queued. Queued runs
live in the database and survive restarts; a run whose time passed while no worker was
running starts as soon as a worker is up.

:func:`ensure_scheduled` queues the first run of every registered job that has none
queued. It is idempotent and runs before the worker starts (``manage.py schedule_jobs``
in ``deploy/serve-embedded``).

Register jobs in ``AppConfig.ready()``::

    from datetime import time, timedelta

    from kommunwebb.operations import schedule

    schedule.register_job(
        "analytics.aggregate",           # unique name
        "kommunwebb.analytics.jobs.aggregate_yesterday",  # dotted path or callable
        every=timedelta(days=1),          # interval
        at=time(2, 15),                   # optional local wall-clock time (daily jobs)
    )

The function takes no arguments and returns something JSON-serialisable (stored as the
task's return value).
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], object] | str
    every: timedelta
    at: time | None = None

    def call(self):
        func = import_string(self.func) if isinstance(self.func, str) else self.func
        return func()

    def next_run(self, after: datetime) -> datetime:
        """The next time this job is due after a run at ``after``."""
        if self.at is None:
            return after + self.every
        # Daily (or every n days) at a local wall-clock time, so DST does not shift it.
        zone = ZoneInfo(settings.TIME_ZONE)
        earliest = (after + self.every - timedelta(days=1)).astimezone(zone)
        candidate = datetime.combine(earliest.date(), self.at, tzinfo=zone)
        if candidate <= earliest:
            candidate = datetime.combine(earliest.date() + timedelta(days=1), self.at, tzinfo=zone)
        return candidate

    def first_run(self, now: datetime) -> datetime:
        """When a job that has never been queued should first run."""
        if self.at is None:
            return now
        return Job(self.name, self.func, timedelta(days=1), self.at).next_run(now)


_jobs: dict[str, Job] = {}


def register_job(
    name: str,
    func: Callable[[], object] | str,
    *,
    every: timedelta = timedelta(days=1),
    at: time | None = None,
) -> Job:
    """Run ``func`` every ``every``; at local time ``at`` if given (then in whole days)."""
    if at is not None and (every.total_seconds() % 86400 or every < timedelta(days=1)):
        raise ValueError("a job with a wall-clock time must recur every whole number of days")
    if every <= timedelta(0):
        raise ValueError("every must be positive")
    job = Job(name=name, func=func, every=every, at=at)
    _jobs[name] = job
    return job


def unregister_job(name: str) -> None:
    _jobs.pop(name, None)


def jobs() -> list[Job]:
    return [_jobs[name] for name in sorted(_jobs)]


def get_job(name: str) -> Job:
    return _jobs[name]


@task()
def run_recurring(name: str):
    """Queue the next run of job ``name``, then run it."""
    job = _jobs.get(name)
    if job is None:
        # Unregistered since it was queued: let it lapse rather than fail daily.
        logger.warning("Recurring job %s is no longer registered; not rescheduled", name)
        return None
    _queue(job, job.next_run(timezone.now()), skip_if_queued=True)
    return job.call()


def can_schedule() -> bool:
    """Whether the configured task backend keeps deferred tasks (the database backend does)."""
    return bool(getattr(default_task_backend, "supports_defer", False))


def queued_runs(name: str):
    """The queued (not yet started) runs of job ``name``, soonest first."""
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.filter(
        status="READY", task_path=run_recurring.module_path
    ).order_by("run_after")
    return [row for row in ready if (row.args_kwargs or {}).get("args") == [name]]


def next_run_at(name: str) -> datetime | None:
    runs = queued_runs(name) if can_schedule() else []
    return runs[0].run_after if runs else None


def _queue(job: Job, when: datetime, *, skip_if_queued: bool) -> tuple[datetime, bool]:
    """Queue one run of ``job`` at ``when`` unless one is already queued (atomically)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Serialise concurrent workers; SQLite's immediate transactions already do.
            with connection.cursor() as cursor:
                key = zlib.crc32(f"kommunwebb.schedule:{job.name}".encode())
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        if skip_if_queued:
            existing = queued_runs(job.name)
            if existing:
                return existing[0].run_after, False
        run_recurring.using(run_after=when).enqueue(job.name)
        return when, True


def ensure_scheduled(now: datetime | None = None) -> list[tuple[Job, datetime | None, bool]]:
    """Queue the first run of every registered job that has none queued.

    Returns ``(job, when, created)`` for each job; ``when`` is None if the task backend
    cannot defer tasks (the immediate backend of the test settings), in which case
    nothing is queued.
    """
    if not can_schedule():
        return [(job, None, False) for job in jobs()]
    now = now or timezone.now()
    return [(job, *_queue(job, job.first_run(now), skip_if_queued=True)) for job in jobs()]
