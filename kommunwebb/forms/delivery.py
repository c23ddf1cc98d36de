"""The delivery state machine: what may happen to a delivery row, and when.

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

import logging
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .submissions import Delivery, FormSubmission

logger = logging.getLogger(__name__)

FINAL_STATES = {Delivery.State.DELIVERED, Delivery.State.FAILED}


def _setting(name, default):
    return getattr(settings, name, default)


def lease_duration() -> timedelta:
    # Longer than the slowest send can take (EMAIL_TIMEOUT, the webhook timeout), so two
    # workers never hold the same delivery at once.
    return timedelta(seconds=float(_setting("CITYFORMS_LEASE_SECONDS", 120)))


def max_attempts() -> int:
    return int(_setting("CITYFORMS_MAX_ATTEMPTS", 10))


def backoff(attempt: int, jitter: float | None = None) -> timedelta:
    """Wait before attempt ``attempt + 1``: base · 2^(attempt − 1), capped, plus up to a
    quarter more at random so deliveries failing together do not retry together.
    With the defaults: 1, 2, 4, 8 … minutes, at most 6 hours; ten attempts span ~8.5 h."""
    base = float(_setting("CITYFORMS_RETRY_BASE_SECONDS", 60))
    cap = float(_setting("CITYFORMS_RETRY_MAX_SECONDS", 6 * 3600))
    seconds = min(cap, base * 2 ** max(attempt - 1, 0))
    jitter = random.uniform(0, 0.25) if jitter is None else jitter
    return timedelta(seconds=seconds * (1 + jitter))


@dataclass(frozen=True)
class Lease:
    """The right to send one delivery until ``until``; outcomes need the ``token``."""

    token: str
    until: datetime


@dataclass(frozen=True)
class Outcome:
    """What an attempt came to: delivered, retrying (at ``next_attempt_at``), failed, or
    lease-lost (another worker took over; nothing recorded)."""

    result: str
    next_attempt_at: datetime | None = None


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


def take_lease(delivery_id: int) -> Lease | None:
    """Claim a delivery that is due; None if it is not ours to send now."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.state in FINAL_STATES:
            return None
        now = timezone.now()
        if delivery.state == Delivery.State.SENDING and delivery.lease_until > now:
            return None  # another worker holds it; its watchdog covers a crash
        if (
            delivery.state == Delivery.State.RETRYING
            and delivery.next_attempt_at
            and delivery.next_attempt_at > now
        ):
            return None  # not due; the task queued for then will come
        if delivery.submission_id is None:
            Delivery.objects.filter(pk=delivery_id).update(
                state=Delivery.State.FAILED,
                last_error=_("Formulärsvaret har raderats och kan inte skickas."),
                lease_token="",
                lease_until=None,
            )
            return None
        lease = Lease(token=secrets.token_hex(16), until=now + lease_duration())
        Delivery.objects.filter(pk=delivery_id).update(
            state=Delivery.State.SENDING,
            lease_token=lease.token,
            lease_until=lease.until,
            attempts=F("attempts") + 1,
            next_attempt_at=None,
        )
    return lease


def record_outcome(delivery_id: int, token: str, error=None, permanent=False) -> Outcome:
    """Record an attempt's outcome, if the lease is still ours."""
    now = timezone.now()
    ours = Delivery.objects.filter(pk=delivery_id, lease_token=token, state=Delivery.State.SENDING)
    with transaction.atomic():
        attempts = ours.select_for_update().values_list("attempts", flat=True).first()
        if attempts is None:
            logger.warning("delivery %s: lease lost before the outcome was recorded", delivery_id)
            return Outcome("lease-lost")
        if error is None:
            ours.update(
                state=Delivery.State.DELIVERED,
                delivered_at=now,
                lease_token="",
                lease_until=None,
                last_error="",
            )
            return Outcome("delivered")
        message = f"{type(error).__name__}: {error}"[:500]
        if permanent or attempts >= max_attempts():
            ours.update(
                state=Delivery.State.FAILED, lease_token="", lease_until=None, last_error=message
            )
            logger.warning("delivery %s failed after %s attempts", delivery_id, attempts)
            return Outcome("failed")
        next_attempt_at = now + backoff(attempts)
        ours.update(
            state=Delivery.State.RETRYING,
            next_attempt_at=next_attempt_at,
            lease_token="",
            lease_until=None,
            last_error=message,
        )
    return Outcome("retrying", next_attempt_at)


def check_lease(delivery_id: int) -> tuple[str, datetime | None]:
    """For the watchdog: ("held", lease end) while a worker's lease runs, ("expired", None)
    if it ran out with the delivery still sending (the worker died mid-send), ("none", None)
    if nobody is sending. Locks the row until the caller's transaction ends."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.state != Delivery.State.SENDING:
            return "none", None
        if delivery.lease_until > timezone.now():
            return "held", delivery.lease_until
        return "expired", None


def reopen(delivery_id: int) -> bool:
    """An editor's "Försök igen": a failed or waiting delivery becomes due now, with its
    attempts counted from zero. False if it was neither."""
    return bool(
        Delivery.objects.filter(pk=delivery_id)
        .filter(Q(state=Delivery.State.FAILED) | Q(state=Delivery.State.RETRYING))
        .update(state=Delivery.State.RETRYING, next_attempt_at=timezone.now(), attempts=0)
    )


def overdue(now: datetime | None = None):
    """Deliveries whose task must have been lost: due for a while, or leased long ago."""
    now = now or timezone.now()
    grace = now - timedelta(seconds=float(_setting("CITYFORMS_SWEEP_GRACE_SECONDS", 300)))
    waiting = Q(state__in=[Delivery.State.PENDING, Delivery.State.RETRYING]) & (
        Q(next_attempt_at__lte=grace) | Q(next_attempt_at__isnull=True, created_at__lte=grace)
    )
    stuck = Q(state=Delivery.State.SENDING, lease_until__lte=grace)
    return Delivery.objects.filter(waiting | stuck)
