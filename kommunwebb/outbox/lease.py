"""The delivery state machine: what may happen to an outbox entry, and when. Any model
deriving from ``OutboxEntry`` (form deliveries, the site's own e-mail) moves through it.

States::

    pending ──claim──▶ sending ──sent──▶ delivered
                         │  ▲
      temporary error ───┘  └──claim── retrying (after an exponential back-off)
                         │
      permanent error, or too many attempts ──▶ failed   (an editor can retry)

Claiming an entry writes a random lease token and a lease expiry. A finished attempt is
recorded only if the lease token is still ours. ``delivered`` and ``failed`` are final;
nothing ever sends a delivered entry again.

Each step here only changes rows. The task that must follow a step (the watchdog after a
claim, the next attempt after a temporary error) is queued by the caller in the same
transaction as the step, so a crash can never leave a step without its follow-up.
"""

import logging
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxState

logger = logging.getLogger(__name__)

FINAL_STATES = {OutboxState.DELIVERED, OutboxState.FAILED}


@dataclass(frozen=True)
class Policy:
    """How long a lease lasts and how attempts are spaced.

    ``lease`` must be longer than the slowest send can take, so two workers never hold the
    same entry at once. Attempt n + 1 waits ``retry_base · 2^(n − 1)`` seconds, at most
    ``retry_max``; after ``max_attempts`` the entry fails. The sweep looks for entries that
    have been due, or leased out, for longer than ``sweep_grace``."""

    lease: timedelta = timedelta(seconds=120)
    retry_base: float = 60
    retry_max: float = 6 * 3600
    max_attempts: int = 10
    sweep_grace: timedelta = timedelta(seconds=300)


@dataclass(frozen=True)
class Lease:
    """The right to send one entry until ``until``; outcomes need the ``token``."""

    token: str
    until: datetime


@dataclass(frozen=True)
class Outcome:
    """What an attempt came to: delivered, retrying (at ``next_attempt_at``), failed, or
    lease-lost (another worker took over; nothing recorded)."""

    result: str
    next_attempt_at: datetime | None = None


def backoff(policy: Policy, attempt: int, jitter: float | None = None) -> timedelta:
    """Wait before attempt ``attempt + 1``, plus up to a quarter more at random so entries
    failing together do not retry together. With the defaults: 1, 2, 4, 8 … minutes, at
    most 6 hours; ten attempts span ~8.5 h."""
    seconds = min(policy.retry_max, policy.retry_base * 2 ** max(attempt - 1, 0))
    jitter = random.uniform(0, 0.25) if jitter is None else jitter
    return timedelta(seconds=seconds * (1 + jitter))


def take_lease(
    model, pk: int, policy: Policy, *, refuse: Callable[[object], str | None] | None = None
) -> Lease | None:
    """Claim an entry that is due; None if it is not ours to send now.

    ``refuse(entry)`` may return a reason why the entry can never be sent (its content was
    erased): it then fails at once with that reason."""
    with transaction.atomic():
        entry = model.objects.select_for_update().filter(pk=pk).first()
        if entry is None or entry.state in FINAL_STATES:
            return None
        now = timezone.now()
        if entry.state == OutboxState.SENDING and entry.lease_until > now:
            return None  # another worker holds it; its watchdog covers a crash
        if (
            entry.state == OutboxState.RETRYING
            and entry.next_attempt_at
            and entry.next_attempt_at > now
        ):
            return None  # not due; the task queued for then will come
        reason = refuse(entry) if refuse else None
        if reason:
            model.objects.filter(pk=pk).update(
                state=OutboxState.FAILED, last_error=reason, lease_token="", lease_until=None
            )
            return None
        lease = Lease(token=secrets.token_hex(16), until=now + policy.lease)
        model.objects.filter(pk=pk).update(
            state=OutboxState.SENDING,
            lease_token=lease.token,
            lease_until=lease.until,
            attempts=F("attempts") + 1,
            next_attempt_at=None,
        )
    return lease


def record_outcome(
    model, pk: int, token: str, policy: Policy, error=None, permanent=False
) -> Outcome:
    """Record an attempt's outcome, if the lease is still ours."""
    now = timezone.now()
    ours = model.objects.filter(pk=pk, lease_token=token, state=OutboxState.SENDING)
    label = model._meta.model_name
    with transaction.atomic():
        attempts = ours.select_for_update().values_list("attempts", flat=True).first()
        if attempts is None:
            logger.warning("%s %s: lease lost before the outcome was recorded", label, pk)
            return Outcome("lease-lost")
        if error is None:
            ours.update(
                state=OutboxState.DELIVERED,
                delivered_at=now,
                lease_token="",
                lease_until=None,
                last_error="",
            )
            return Outcome("delivered")
        message = f"{type(error).__name__}: {error}"[:500]
        if permanent or attempts >= policy.max_attempts:
            ours.update(
                state=OutboxState.FAILED, lease_token="", lease_until=None, last_error=message
            )
            logger.warning("%s %s failed after %s attempts", label, pk, attempts)
            return Outcome("failed")
        next_attempt_at = now + backoff(policy, attempts)
        ours.update(
            state=OutboxState.RETRYING,
            next_attempt_at=next_attempt_at,
            lease_token="",
            lease_until=None,
            last_error=message,
        )
    return Outcome("retrying", next_attempt_at)


def check_lease(model, pk: int) -> tuple[str, datetime | None]:
    """For the watchdog: ("held", lease end) while a worker's lease runs, ("expired", None)
    if it ran out with the entry still sending (the worker died mid-send), ("none", None)
    if nobody is sending. Locks the row until the caller's transaction ends."""
    with transaction.atomic():
        entry = model.objects.select_for_update().filter(pk=pk).first()
        if entry is None or entry.state != OutboxState.SENDING:
            return "none", None
        if entry.lease_until > timezone.now():
            return "held", entry.lease_until
        return "expired", None


def reopen(model, pk: int) -> bool:
    """A failed or waiting entry becomes due now, with its attempts counted from zero.
    False if it was neither."""
    return bool(
        model.objects.filter(pk=pk)
        .filter(Q(state=OutboxState.FAILED) | Q(state=OutboxState.RETRYING))
        .update(state=OutboxState.RETRYING, next_attempt_at=timezone.now(), attempts=0)
    )


def overdue(model, policy: Policy, now: datetime | None = None):
    """Entries whose task must have been lost: due for a while, or leased long ago."""
    now = now or timezone.now()
    grace = now - policy.sweep_grace
    waiting = Q(state__in=[OutboxState.PENDING, OutboxState.RETRYING]) & (
        Q(next_attempt_at__lte=grace) | Q(next_attempt_at__isnull=True, created_at__lte=grace)
    )
    stuck = Q(state=OutboxState.SENDING, lease_until__lte=grace)
    return model.objects.filter(waiting | stuck)


def take_batch(model, pks, policy: Policy, limit: int | None = None) -> tuple[Lease, list[int]]:
    """Claim at most ``limit`` of the due entries among ``pks`` under one lease, in two
    queries whatever their number: for senders that hand many messages to one connection.
    Returns the lease and the claimed keys (empty if none was due)."""
    now = timezone.now()
    due = Q(state=OutboxState.PENDING) | Q(state=OutboxState.RETRYING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    due |= Q(state=OutboxState.SENDING, lease_until__lte=now)  # its worker died mid-send
    lease = Lease(token=secrets.token_hex(16), until=now + policy.lease)
    with transaction.atomic():
        claimable = model.objects.select_for_update().filter(due, pk__in=list(pks))
        ids = list(claimable.order_by("pk").values_list("pk", flat=True)[:limit])
        if ids:
            model.objects.filter(pk__in=ids).update(
                state=OutboxState.SENDING,
                lease_token=lease.token,
                lease_until=lease.until,
                attempts=F("attempts") + 1,
                next_attempt_at=None,
            )
    return lease, ids


def record_delivered(model, pks, token: str) -> int:
    """Record many entries of one batch lease as delivered in one query; those whose lease
    was lost meanwhile are left alone. Returns how many were recorded."""
    return model.objects.filter(
        pk__in=list(pks), lease_token=token, state=OutboxState.SENDING
    ).update(
        state=OutboxState.DELIVERED,
        delivered_at=timezone.now(),
        lease_token="",
        lease_until=None,
        last_error="",
    )
