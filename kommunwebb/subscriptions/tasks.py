"""Telling subscribers, on the task worker (django-tasks), never in the editor's request.

Publishing an alert or a news article queues ``fan_out_alert`` / ``fan_out_news``
(signals.py). The fan-out composes the mailing once, creates one ``Message`` per subscriber
it reaches with a few bulk inserts, and queues one ``send_batch`` task per batch of up to
``SUBSCRIPTIONS_BATCH_SIZE`` messages to one provider: ten thousand subscribers are a few
dozen queries and tasks, not ten thousand.

A batch is sent with the outbox's state machine (``outbox/lease.py``): all its due messages
are claimed under one lease in two queries, up to what the provider's rate limit allows this
minute (``outbox/providers.py``); the rest waits a minute in a task of its own. The claimed
messages go over one connection to the mail server, and the delivered ones are recorded in
one query; a failed one retries on its own with the outbox's back-off. A watchdog queued with
the claim re-queues a batch whose worker died mid-send; the sweep (every five minutes)
re-queues anything whose task was lost. A subscriber gets at most one message per alert or
article (a unique constraint), however often it is published.
"""

import logging
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Locale

from kommunwebb.alerts.models import Alert
from kommunwebb.core.visibility import is_visible
from kommunwebb.news.models import NewsArticlePage
from kommunwebb.outbox import lease, providers, transport
from kommunwebb.outbox.models import OutboxState
from kommunwebb.outbox.tasks import enqueue, policy

from . import compose
from .models import Mailing, Message, Subscriber, choices_reached_by

logger = logging.getLogger(__name__)

# Below form deliveries (50) and the site's own mail (40): a resident's message comes first.
PRIORITY = 30
WATCHDOG_DELAY = timedelta(seconds=1)
INSERT_BATCH = 1000


def batch_size() -> int:
    return int(getattr(settings, "SUBSCRIPTIONS_BATCH_SIZE", 500))


@task(priority=PRIORITY)
def fan_out_alert(alert_id: int) -> int:
    alert = Alert.objects.filter(pk=alert_id).first()
    if not is_visible(alert):
        return 0  # unpublished again, or expired, before the worker came to it
    subject, body = compose.alert_mailing(alert)
    subscribers = Subscriber.objects.confirmed().filter(
        alert_level__in=choices_reached_by(alert.level)
    )
    return fan_out(Mailing.Kind.ALERT, alert.pk, subject, body, subscribers)


@task(priority=PRIORITY)
def fan_out_news(page_id: int) -> int:
    page = NewsArticlePage.objects.filter(pk=page_id).first()
    if not is_visible(page) or page.locale_id != Locale.get_default().pk:
        return 0  # a translation is the same news: subscribers had the Swedish one
    topic_ids = list(page.topics.values_list("pk", flat=True))
    subscribers = Subscriber.objects.confirmed().filter(topics__in=topic_ids).distinct()
    subject, body = compose.news_mailing(page)
    return fan_out(Mailing.Kind.NEWS, page.pk, subject, body, subscribers)


@task(priority=PRIORITY)
def send_batch(message_ids: list[int]) -> str:
    return deliver(message_ids)


@task(priority=PRIORITY)
def watch_batch(message_ids: list[int]) -> str:
    return rescue(message_ids)


def fan_out(kind, object_id, subject, body, subscribers) -> int:
    """Create the mailing's messages for the subscribers who have none yet and queue their
    batches, in one transaction. Returns how many messages were created."""
    stamp = timezone.now()
    with transaction.atomic():
        mailing, _created = Mailing.objects.update_or_create(
            kind=kind, object_id=object_id, defaults={"subject": subject, "body": body}
        )
        already = Message.objects.filter(mailing=mailing).values("subscriber_id")
        recipients = subscribers.exclude(pk__in=already).values_list("pk", "email")
        Message.objects.bulk_create(
            (
                Message(
                    mailing=mailing,
                    subscriber_id=pk,
                    provider=providers.provider_of(email),
                    created_at=stamp,
                )
                for pk, email in recipients.iterator(chunk_size=INSERT_BATCH)
            ),
            batch_size=INSERT_BATCH,
            ignore_conflicts=True,  # a fan-out running twice at once creates each row once
        )
        created = Message.objects.filter(
            mailing=mailing, created_at=stamp, state=OutboxState.PENDING
        ).values_list("pk", "provider")
        count = queue_batches(created.order_by("provider", "pk"))
    logger.info("%s %s: %s messages queued", kind, object_id, count)
    return count


def queue_batches(rows) -> int:
    """Queue ``send_batch`` for (id, provider) rows sorted by provider: one task per
    ``batch_size()`` messages to one provider."""
    count = 0
    size = batch_size()
    for _provider, group in groupby(rows, key=lambda row: row[1]):
        ids = [pk for pk, _ in group]
        for start in range(0, len(ids), size):
            enqueue(send_batch, ids[start : start + size])
        count += len(ids)
    return count


def claim(message_ids: list[int]) -> tuple[lease.Lease, list[int]]:
    """Claim what the provider's limit allows of the batch, with the watchdog for the lease
    and, if the limit held some back, a task for them a minute later."""
    provider = Message.objects.filter(pk__in=message_ids).values_list("provider", flat=True)
    provider = provider.first()
    if provider is None:
        return None, []
    allowed = providers.allowance(Message, provider)
    with transaction.atomic():
        held, claimed = lease.take_batch(Message, message_ids, policy(), limit=allowed)
        if claimed:
            enqueue(watch_batch, claimed, run_after=held.until + WATCHDOG_DELAY)
        if len(claimed) >= allowed:
            waiting = list(
                Message.objects.filter(
                    pk__in=set(message_ids) - set(claimed), state=OutboxState.PENDING
                ).values_list("pk", flat=True)
            )
            if waiting:
                enqueue(send_batch, waiting, run_after=timezone.now() + providers.WINDOW)
    return held, claimed


def render(message: Message) -> EmailMessage:
    subscriber = message.subscriber
    unsubscribe = compose.unsubscribe_url(subscriber)
    return EmailMessage(
        subject=message.mailing.subject,
        body=f"{message.mailing.body}\n{compose.footer(subscriber)}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "Message-ID": transport.message_id(message.idempotency_key),
            "Auto-Submitted": "auto-generated",
            # RFC 2369 and RFC 8058: mail clients show an "Unsubscribe" button that posts
            # to the link; the signed token in it is all the authority it needs.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def deliver(message_ids: list[int]) -> str:
    """Send one batch once. Returns what happened (for logs and tests)."""
    held, claimed = claim(message_ids)
    if not claimed:
        return "skipped"
    messages = Message.objects.filter(pk__in=claimed).select_related("mailing", "subscriber")
    delivered, failed = [], 0
    # Outside any transaction: a slow mail server holds no lock.
    with get_connection() as connection:
        for message in messages:
            email = render(message)
            email.connection = connection
            try:
                transport.send_message(email)
            except transport.PermanentDeliveryError as error:
                finish_one(message.pk, held.token, error, permanent=True)
                failed += 1
            except Exception as error:  # noqa: BLE001 - any other failure is worth another try
                finish_one(message.pk, held.token, error)
                failed += 1
            else:
                delivered.append(message.pk)
    lease.record_delivered(Message, delivered, held.token)
    return f"delivered {len(delivered)}, failed {failed}"


def finish_one(message_id: int, token: str, error, permanent=False) -> None:
    with transaction.atomic():
        outcome = lease.record_outcome(
            Message, message_id, token, policy(), error=error, permanent=permanent
        )
        if outcome.next_attempt_at is not None:
            enqueue(send_batch, [message_id], run_after=outcome.next_attempt_at)


def rescue(message_ids: list[int]) -> str:
    """The watchdog: queue the batch's messages again whose lease ran out mid-send."""
    now = timezone.now()
    sending = Message.objects.filter(pk__in=message_ids, state=OutboxState.SENDING)
    with transaction.atomic():
        expired = list(sending.filter(lease_until__lte=now).values_list("pk", flat=True))
        held = sending.filter(lease_until__gt=now).order_by("-lease_until")
        held = held.values_list("lease_until", flat=True).first()
        if expired:
            logger.warning("subscription messages: lease expired mid-send, queueing again")
            enqueue(send_batch, expired)
        if held is not None:
            enqueue(watch_batch, message_ids, run_after=held + WATCHDOG_DELAY)
    return "requeued" if expired else ("waiting" if held else "nothing")


def sweep(now=None) -> int:
    """Queue every overdue message again in batches (a recurring job)."""
    rows = lease.overdue(Message, policy(), now).order_by("provider", "pk")
    with transaction.atomic():
        return queue_batches(rows.values_list("pk", "provider"))
