"""The delivery state machine for form deliveries: the outbox's (``kommunwebb/outbox/lease.py``)
with the forms' settings, and what may happen to a delivery row, and when.

States::

    pending ──claim──▶ sending ──sent──▶ delivered
                         │  ▲
      temporary error ───┘  └──claim── retrying (after an exponential back-off)
                         │
      permanent error, or too many attempts ──▶ failed   (an editor can retry)

Claiming a delivery writes a random lease token and a lease expiry. A finished attempt
is recorded only if the lease token is still ours. ``delivered`` and ``failed`` are final;
nothing ever sends a delivered delivery again.

Each step here only changes rows. The task that must follow a step (the watchdog after a
claim, the next attempt after a temporary error) is queued by ``tasks`` in the same
transaction as the step, so a crash can never leave a step without its follow-up.

What "never twice" can mean: a message is sent again only if the process died after the
transport accepted it and before the database recorded that (a window of milliseconds).
Every copy then carries the same idempotency key (see ``transports``), so a receiver that
deduplicates sees it once. No protocol can do better with SMTP, which has no way to ask
"did you already get this?".
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from kommunwebb.outbox import lease as machine
from kommunwebb.outbox.lease import Lease, Outcome  # noqa: F401 - part of this module's API

from .submissions import Delivery, FormSubmission

FINAL_STATES = machine.FINAL_STATES


def _setting(name, default):
    return getattr(settings, name, default)


def lease_duration() -> timedelta:
    # Longer than the slowest send can take (EMAIL_TIMEOUT, the webhook timeout), so two
    # workers never hold the same delivery at once.
    return timedelta(seconds=float(_setting("CITYFORMS_LEASE_SECONDS", 120)))


def max_attempts() -> int:
    return int(_setting("CITYFORMS_MAX_ATTEMPTS", 10))


def policy() -> machine.Policy:
    """The forms' settings, read at each step so tests and operators can change them."""
    return machine.Policy(
        lease=lease_duration(),
        retry_base=float(_setting("CITYFORMS_RETRY_BASE_SECONDS", 60)),
        retry_max=float(_setting("CITYFORMS_RETRY_MAX_SECONDS", 6 * 3600)),
        max_attempts=max_attempts(),
        sweep_grace=timedelta(seconds=float(_setting("CITYFORMS_SWEEP_GRACE_SECONDS", 300))),
    )


def backoff(attempt: int, jitter: float | None = None) -> timedelta:
    """Wait before attempt ``attempt + 1``: base · 2^(attempt − 1), capped, plus up to a
    quarter more at random so deliveries failing together do not retry together.
    With the defaults: 1, 2, 4, 8 … minutes, at most 6 hours; ten attempts span ~8.5 h."""
    return machine.backoff(policy(), attempt, jitter)


def create_deliveries(submission: FormSubmission, page) -> list[Delivery]:
    """One pending delivery per destination of the form (its e-mail recipients, its
    webhook), saved in the caller's transaction."""
    deliveries = []
    if recipients := page.recipients():
        deliveries.append(Delivery(channel=Delivery.Channel.EMAIL, target=", ".join(recipients)))
    if page.webhook_url:
        deliveries.append(Delivery(channel=Delivery.Channel.WEBHOOK, target=page.webhook_url))
    for delivery in deliveries:
        delivery.submission = submission
        delivery.reference = submission.reference
        delivery.page = page
        delivery.save()
    return deliveries


def _erased(delivery: Delivery) -> str | None:
    if delivery.submission_id is None:
        return _("Formulärsvaret har raderats och kan inte skickas.")
    return None


def take_lease(delivery_id: int) -> Lease | None:
    """Claim a delivery that is due; None if it is not ours to send now. A delivery whose
    submission was erased (rights tools, retention) fails at once."""
    return machine.take_lease(Delivery, delivery_id, policy(), refuse=_erased)


def record_outcome(delivery_id: int, token: str, error=None, permanent=False) -> Outcome:
    """Record an attempt's outcome, if the lease is still ours."""
    return machine.record_outcome(
        Delivery, delivery_id, token, policy(), error=error, permanent=permanent
    )


def check_lease(delivery_id: int) -> tuple[str, datetime | None]:
    """For the watchdog: ("held", lease end), ("expired", None) or ("none", None); locks
    the row until the caller's transaction ends."""
    return machine.check_lease(Delivery, delivery_id)


def reopen(delivery_id: int) -> bool:
    """An editor's "Försök igen": a failed or waiting delivery becomes due now, with its
    attempts counted from zero. False if it was neither."""
    return machine.reopen(Delivery, delivery_id)


def overdue(now: datetime | None = None):
    """Deliveries whose task must have been lost: due for a while, or leased long ago."""
    return machine.overdue(Delivery, policy(), now)
