"""The tasks that send the site's own e-mail (django-tasks, database backend), with the
state machine of ``lease.py``: the same choreography as the form deliveries
(``kommunwebb/forms/tasks.py``). Each move takes its step and queues the task that must
follow it in one transaction: a claim with the watchdog for when its lease runs out, a
temporary error with the next attempt, the sweep with an attempt now.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django_tasks import task

from . import lease, transport
from .models import Email

logger = logging.getLogger(__name__)

# After form deliveries (50): a reminder can wait a moment for a resident's message.
EMAIL_PRIORITY = 40
WATCHDOG_DELAY = timedelta(seconds=1)


def policy() -> lease.Policy:
    return lease.Policy(
        lease=timedelta(seconds=float(getattr(settings, "OUTBOX_LEASE_SECONDS", 120))),
        retry_base=float(getattr(settings, "OUTBOX_RETRY_BASE_SECONDS", 60)),
        retry_max=float(getattr(settings, "OUTBOX_RETRY_MAX_SECONDS", 6 * 3600)),
        max_attempts=int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 10)),
        sweep_grace=timedelta(seconds=float(getattr(settings, "OUTBOX_SWEEP_GRACE_SECONDS", 300))),
    )


@task(priority=EMAIL_PRIORITY)
def send_email(email_id: int) -> str:
    return attempt(email_id)


@task(priority=EMAIL_PRIORITY)
def watch_email(email_id: int) -> str:
    return rescue(email_id)


def enqueue(task_, *args, run_after: datetime | None = None):
    """Queue a task in the current transaction. Backends that cannot defer (the immediate
    backend of the unit tests) get no deferred tasks; the sweep picks those up."""
    if run_after is not None:
        if not task_.get_backend().supports_defer:
            return None
        task_ = task_.using(run_after=run_after)
    return task_.enqueue(*args)


def claim(email_id: int) -> lease.Lease | None:
    with transaction.atomic():
        held = lease.take_lease(Email, email_id, policy())
        if held is not None:
            enqueue(watch_email, email_id, run_after=held.until + WATCHDOG_DELAY)
    return held


def finish(email_id: int, token: str, error=None, permanent=False) -> str:
    with transaction.atomic():
        outcome = lease.record_outcome(
            Email, email_id, token, policy(), error=error, permanent=permanent
        )
        if outcome.next_attempt_at is not None:
            enqueue(send_email, email_id, run_after=outcome.next_attempt_at)
    return outcome.result


def attempt(email_id: int) -> str:
    """Try to send one e-mail once. Returns what happened (for logs and tests)."""
    held = claim(email_id)
    if held is None:
        return "skipped"
    email = Email.objects.get(pk=email_id)
    try:
        transport.send(email)  # outside any transaction: a slow server holds no lock
    except transport.PermanentDeliveryError as error:
        return finish(email_id, held.token, error=error, permanent=True)
    except Exception as error:  # noqa: BLE001 - any other failure is worth another try
        return finish(email_id, held.token, error=error)
    return finish(email_id, held.token)


def rescue(email_id: int) -> str:
    """The watchdog: queue the e-mail again if its lease ran out without an outcome."""
    with transaction.atomic():
        state, lease_until = lease.check_lease(Email, email_id)
        if state == "held":
            enqueue(watch_email, email_id, run_after=lease_until + WATCHDOG_DELAY)
            return "waiting"
        if state == "expired":
            logger.warning("e-mail %s: lease expired mid-send, queueing it again", email_id)
            enqueue(send_email, email_id)
            return "requeued"
    return "nothing"


def sweep(now: datetime | None = None) -> int:
    """Queue every overdue e-mail again (a recurring job). Claiming is idempotent."""
    count = 0
    for email_id in lease.overdue(Email, policy(), now).values_list("pk", flat=True).iterator():
        with transaction.atomic():
            enqueue(send_email, email_id)
        count += 1
    return count
