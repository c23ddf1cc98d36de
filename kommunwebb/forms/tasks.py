"""The work that moves deliveries along: the django-tasks tasks (database backend) and the
moves of the state machine that queue them.

Each move takes its step in ``delivery`` and queues the task that must follow it in the
same transaction: a claim with the watchdog for when its lease runs out, a temporary error
with the next attempt, an editor's retry and the sweep with an attempt now. Whatever
crashes, a delivery is never left in a state that no queued task will look at again
(the sweep covers a task table lost altogether).

All tasks run on the ``default`` queue, which the embedded profile's worker serves
(``manage.py db_worker --queue-name "*"``). Deliveries outrank other work.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django_tasks import task

from . import delivery, transports
from .submissions import Delivery

logger = logging.getLogger(__name__)

DELIVERY_PRIORITY = 50
# The watchdog looks one second after the lease has run out.
WATCHDOG_DELAY = timedelta(seconds=1)


@task(priority=DELIVERY_PRIORITY)
def deliver(delivery_id: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return attempt(delivery_id)


@task(priority=DELIVERY_PRIORITY)
def watch_delivery(delivery_id: int) -> str:
    return rescue(delivery_id)


@task(priority=DELIVERY_PRIORITY)
def sweep_deliveries() -> int:
    return sweep()


def enqueue(task, *args, run_after: datetime | None = None):
    """Queue a task in the current transaction (the database backend writes a row).

    Backends that cannot defer (the immediate backend in unit tests) get no deferred
    tasks; the sweep picks up anything they would have done.
    """
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return None
        task = task.using(run_after=run_after)
    return task.enqueue(*args)


def queue_deliveries(deliveries: list[Delivery]) -> None:
    """An attempt for each new delivery, in the caller's transaction (``intake``)."""
    for new in deliveries:
        enqueue(deliver, new.pk)


def claim(delivery_id: int) -> delivery.Lease | None:
    """Take the lease on a due delivery, and queue the watchdog for when it runs out."""
    with transaction.atomic():
        lease = delivery.take_lease(delivery_id)
        if lease is not None:
            enqueue(watch_delivery, delivery_id, run_after=lease.until + WATCHDOG_DELAY)
    return lease


def finish(delivery_id: int, token: str, error=None, permanent=False) -> str:
    """Record an attempt's outcome (if the lease is still ours) and queue the next attempt
    after a temporary error."""
    with transaction.atomic():
        outcome = delivery.record_outcome(delivery_id, token, error=error, permanent=permanent)
        if outcome.next_attempt_at is not None:
            enqueue(deliver, delivery_id, run_after=outcome.next_attempt_at)
    return outcome.result


def attempt(delivery_id: int) -> str:
    """Try to send one delivery once. Returns what happened (for logs and tests)."""
    lease = claim(delivery_id)
    if lease is None:
        return "skipped"
    claimed = Delivery.objects.select_related("submission", "page").get(pk=delivery_id)
    # Sent outside any transaction: a slow receiver holds no lock.
    try:
        transports.send(claimed)
    except transports.PermanentDeliveryError as error:
        return finish(delivery_id, lease.token, error=error, permanent=True)
    except Exception as error:  # noqa: BLE001 - any other failure is worth another try
        return finish(delivery_id, lease.token, error=error)
    return finish(delivery_id, lease.token)


def rescue(delivery_id: int) -> str:
    """The watchdog: queue the delivery again if its lease ran out without an outcome."""
    with transaction.atomic():
        state, lease_until = delivery.check_lease(delivery_id)
        if state == "held":
            enqueue(watch_delivery, delivery_id, run_after=lease_until + WATCHDOG_DELAY)
            return "waiting"
        if state == "expired":
            logger.warning("delivery %s: lease expired mid-send, queueing it again", delivery_id)
            enqueue(deliver, delivery_id)
            return "requeued"
    return "nothing"


def retry(failed: Delivery) -> bool:
    """An editor's "Försök igen": a failed or waiting delivery is attempted now."""
    with transaction.atomic():
        reopened = delivery.reopen(failed.pk)
        if reopened:
            enqueue(deliver, failed.pk)
    return reopened


def sweep(now: datetime | None = None) -> int:
    """Queue every overdue delivery again. Safe to run at any time: claiming is idempotent."""
    count = 0
    for delivery_id in delivery.overdue(now).values_list("pk", flat=True).iterator():
        with transaction.atomic():
            enqueue(deliver, delivery_id)
        count += 1
    return count
