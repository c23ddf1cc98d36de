"""Scheduled publishing on the task worker: pages and snippets (alerts, contact cards) go live
and are taken down at the times editors set.

Wagtail keeps a schedule as a revision approved to go live at a time (``approved_go_live_at``)
and as the expiry time of what is live (``expire_at``); its management command
``publish_scheduled`` carries out whatever is due, with Wagtail's own publish and unpublish
actions. Nothing ran it, so a page set to go live at nine stayed a draft. Now the worker runs
that command (its logic, not a copy of it):

1. **At the moment.** When a schedule is set (a revision approved for a later time, or an
   object published with an expiry), a task is queued to run then. The worker polls every
   second, so the change is public within seconds.
2. **Every minute, as a safety net** (a recurring job), for schedules no signal announced: a
   row changed in a shell, a database restored from a backup, a task lost with a crashed
   database. So nothing is ever more than a minute late while a worker runs; a moment passed
   while no worker ran is caught up when one starts.

Wagtail's actions send the signals the page cache listens to (``pagecache.invalidation``), so
the cached pages and Varnish's copies are replaced at the moment too.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django_tasks import task
from wagtail.models import DraftStateMixin, Page, Revision
from wagtail.signals import published

from . import schedule

logger = logging.getLogger(__name__)

SWEEP_JOB = "publishing.scheduled"
SWEEP_EVERY = timedelta(minutes=1)
_LOCK = 0x6B77_7075  # "kwpu": one publisher at a time on PostgreSQL


def _draft_state_models():
    """Every model with a schedule: pages and each snippet with Wagtail's draft state."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def due(now: datetime | None = None) -> dict[str, int]:
    """How many revisions are due to go live and how many live objects are past expiry."""
    now = now or timezone.now()
    expired = sum(
        model.objects.filter(live=True, expire_at__lt=now).count()
        for model in _draft_state_models()
    )
    going_live = Revision.objects.filter(approved_go_live_at__lt=now).count()
    return {"published": going_live, "unpublished": expired}


def publish_due() -> dict[str, int]:
    """Run Wagtail's ``publish_scheduled`` for everything due now; returns what was due.

    One transaction at a time: on PostgreSQL an advisory lock (a second worker waits, then
    finds nothing due); on SQLite the immediate transaction does the same.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
        counts = due()
        if counts["published"] or counts["unpublished"]:
            call_command("publish_scheduled", stdout=StringIO())
            logger.info(
                "scheduled publishing: %(published)d published, %(unpublished)d unpublished",
                counts,
            )
    return counts


@task()
def publish_at_moment():
    """The task queued for the moment a schedule falls due."""
    return publish_due()


def queue_at(moment: datetime) -> bool:
    """Queue :func:`publish_at_moment` for ``moment`` unless a run is queued for it already.
    Does nothing with a task backend that cannot defer (the tests' immediate backend)."""
    if not schedule.can_schedule():
        return False
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(
        status="READY", task_path=publish_at_moment.module_path, run_after=moment
    )
    if queued.exists():
        return False
    publish_at_moment.using(run_after=moment).enqueue()
    return True


def _queue_after_commit(moment: datetime | None):
    if moment is not None and moment > timezone.now():
        transaction.on_commit(lambda: queue_at(moment))


def _on_revision_saved(sender, instance, **kwargs):
    # "Publish" with a go-live time in the future approves the revision for that time.
    _queue_after_commit(instance.approved_go_live_at)


def _on_published(sender, instance, **kwargs):
    # Published with an expiry time: it must be taken down then.
    if getattr(instance, "live", False):
        _queue_after_commit(getattr(instance, "expire_at", None))


def connect():
    """Queue a run for every schedule set from now on, and register the safety sweep."""
    post_save.connect(
        _on_revision_saved, sender=Revision, weak=False, dispatch_uid="publishing-revision"
    )
    published.connect(_on_published, weak=False, dispatch_uid="publishing-published")
    schedule.register_job(SWEEP_JOB, publish_due, every=SWEEP_EVERY)
