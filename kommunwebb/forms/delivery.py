"""Getting each submission to the city: the delivery state machine and its two transports.

States::

    pending ──claim──▶ sending ──sent──▶ delivered
                         │  ▲
      temporary error ───┘  └──claim── retrying (after an exponential back-off)
                         │
      permanent error, or too many attempts ──▶ failed   (an editor can retry)

Claiming a delivery writes a random lease token and a lease expiry in one short
transaction, and in the same transaction queues a *watchdog* task for the moment the lease
runs out. If the worker dies mid-send (SIGKILL, power cut), the watchdog finds the lease
expired and queues the delivery again. A finished attempt is recorded only if the lease
token is still ours. ``delivered`` and ``failed`` are final; nothing ever sends a delivered
delivery again.

What "never twice" can mean: a message is sent again only if the process died after the
transport accepted it and before the database recorded that (a window of milliseconds).
Every copy then carries the same idempotency key — the e-mail's ``Message-ID`` and the
webhook's ``Idempotency-Key`` header — so a receiver that deduplicates (mail clients
collapse identical Message-IDs; the case system must check the header) sees it once. No
protocol can do better with SMTP, which has no way to ask "did you already get this?".
"""

import hashlib
import hmac
import json
import logging
import random
import secrets
import smtplib
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from ipaddress import ip_address
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Delivery, FormPage, FormSubmission
from .privacy import retention_text

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


class PermanentDeliveryError(Exception):
    """The destination refused for good: trying again would not help."""


# --- Queueing -------------------------------------------------------------------------


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


def create_deliveries(submission: FormSubmission, page: FormPage) -> list[Delivery]:
    """One delivery per destination, queued in the caller's transaction."""
    from .tasks import deliver

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
        enqueue(deliver, delivery.pk)
    return deliveries


# --- The state machine ----------------------------------------------------------------


def attempt(delivery_id: int) -> str:
    """Try to send one delivery once. Returns what happened (for logs and tests)."""
    token = claim(delivery_id)
    if token is None:
        return "skipped"
    delivery = Delivery.objects.select_related("submission", "page").get(pk=delivery_id)
    try:
        send(delivery)
    except PermanentDeliveryError as error:
        return finish(delivery, token, error=error, permanent=True)
    except Exception as error:  # noqa: BLE001 - any other failure is worth another try
        return finish(delivery, token, error=error)
    return finish(delivery, token)


def claim(delivery_id: int) -> str | None:
    """Take the lease on a delivery that is due; None if it is not ours to send now."""
    from .tasks import watch_delivery

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
        token = secrets.token_hex(16)
        lease_until = now + lease_duration()
        Delivery.objects.filter(pk=delivery_id).update(
            state=Delivery.State.SENDING,
            lease_token=token,
            lease_until=lease_until,
            attempts=F("attempts") + 1,
            next_attempt_at=None,
        )
        enqueue(watch_delivery, delivery_id, run_after=lease_until + timedelta(seconds=1))
    return token


def finish(delivery: Delivery, token: str, error=None, permanent=False) -> str:
    """Record an attempt's outcome, if the lease is still ours."""
    from .tasks import deliver

    now = timezone.now()
    ours = Delivery.objects.filter(pk=delivery.pk, lease_token=token, state=Delivery.State.SENDING)
    with transaction.atomic():
        attempts = ours.select_for_update().values_list("attempts", flat=True).first()
        if attempts is None:
            logger.warning("delivery %s: lease lost before the outcome was recorded", delivery.pk)
            return "lease-lost"
        if error is None:
            ours.update(
                state=Delivery.State.DELIVERED,
                delivered_at=now,
                lease_token="",
                lease_until=None,
                last_error="",
            )
            return "delivered"
        message = f"{type(error).__name__}: {error}"[:500]
        if permanent or attempts >= max_attempts():
            ours.update(
                state=Delivery.State.FAILED, lease_token="", lease_until=None, last_error=message
            )
            logger.warning("delivery %s failed after %s attempts", delivery.pk, attempts)
            return "failed"
        next_attempt_at = now + backoff(attempts)
        ours.update(
            state=Delivery.State.RETRYING,
            next_attempt_at=next_attempt_at,
            lease_token="",
            lease_until=None,
            last_error=message,
        )
        enqueue(deliver, delivery.pk, run_after=next_attempt_at)
    return "retrying"


def rescue(delivery_id: int) -> str:
    """The watchdog: queue the delivery again if its lease ran out without an outcome."""
    from .tasks import deliver, watch_delivery

    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.state != Delivery.State.SENDING:
            return "nothing"
        if delivery.lease_until > timezone.now():
            enqueue(
                watch_delivery,
                delivery_id,
                run_after=delivery.lease_until + timedelta(seconds=1),
            )
            return "waiting"
        logger.warning("delivery %s: lease expired mid-send, queueing it again", delivery_id)
        enqueue(deliver, delivery_id)
    return "requeued"


def retry(delivery: Delivery) -> bool:
    """An editor's "Försök igen": a failed or waiting delivery becomes due now."""
    from .tasks import deliver

    with transaction.atomic():
        updated = (
            Delivery.objects.filter(pk=delivery.pk)
            .filter(Q(state=Delivery.State.FAILED) | Q(state=Delivery.State.RETRYING))
            .update(state=Delivery.State.RETRYING, next_attempt_at=timezone.now(), attempts=0)
        )
        if updated:
            enqueue(deliver, delivery.pk)
    return bool(updated)


def overdue(now: datetime | None = None):
    """Deliveries whose task must have been lost: due for a while, or leased long ago."""
    now = now or timezone.now()
    grace = now - timedelta(seconds=float(_setting("CITYFORMS_SWEEP_GRACE_SECONDS", 300)))
    waiting = Q(state__in=[Delivery.State.PENDING, Delivery.State.RETRYING]) & (
        Q(next_attempt_at__lte=grace) | Q(next_attempt_at__isnull=True, created_at__lte=grace)
    )
    stuck = Q(state=Delivery.State.SENDING, lease_until__lte=grace)
    return Delivery.objects.filter(waiting | stuck)


def sweep(now: datetime | None = None) -> int:
    """Queue every overdue delivery again. Safe to run at any time: claiming is idempotent."""
    from .tasks import deliver

    count = 0
    for delivery_id in overdue(now).values_list("pk", flat=True).iterator():
        with transaction.atomic():
            enqueue(deliver, delivery_id)
        count += 1
    return count


# --- Transports -----------------------------------------------------------------------


def send(delivery: Delivery) -> None:
    if delivery.channel == Delivery.Channel.EMAIL:
        send_email(delivery)
    elif delivery.channel == Delivery.Channel.WEBHOOK:
        send_webhook(delivery)
    else:
        raise PermanentDeliveryError(f"unknown channel {delivery.channel!r}")


def message_id(delivery: Delivery) -> str:
    """``<idempotency key@site host>``: the same for every copy of one delivery."""
    domain = _setting("CITYFORMS_MESSAGE_ID_DOMAIN", "") or _site_host()
    return f"<{delivery.idempotency_key}@{domain}>"


def _site_host() -> str:
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or ""
    try:
        ip_address(host)
    except ValueError:
        return host or "kommunwebb.invalid"
    return "kommunwebb.invalid"  # an address is no domain name


def submission_fields(submission: FormSubmission, page: FormPage) -> list[dict]:
    """The answers in the form's order, with the labels the visitor saw."""
    data = submission.form_data
    fields = []
    for field in page.get_form_fields():
        if field.clean_name not in data:
            continue
        value = data[field.clean_name]
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        elif isinstance(value, bool):
            value = _("Ja") if value else _("Nej")
        elif value is None:
            value = ""
        fields.append(
            {
                "name": field.clean_name,
                "label": field.label,
                "type": field.field_type,
                "value": str(value),
            }
        )
    return fields


def _page(delivery: Delivery) -> FormPage:
    return delivery.submission.page.specific


def render_email(delivery: Delivery) -> EmailMessage:
    submission = delivery.submission
    page = _page(delivery)
    submitted = formats.date_format(timezone.localtime(submission.submit_time), "Y-m-d H:i")
    lines = [
        _("Nytt svar på formuläret ”%(title)s”.") % {"title": page.title},
        "",
        _("Referensnummer: %(reference)s") % {"reference": submission.reference},
        _("Skickat: %(when)s") % {"when": submitted},
        "",
    ]
    for field in submission_fields(submission, page):
        label = field["label"]
        lines += [label if label.endswith(("?", ":")) else f"{label}:", field["value"] or "–", ""]
    lines.append(
        _("Webbplatsen sparar svaret i %(period)s och raderar det sedan automatiskt.")
        % {"period": retention_text(page.retention_months)}
    )
    headers = {
        "Message-ID": message_id(delivery),
        "X-Kommunwebb-Reference": submission.reference,
        "Auto-Submitted": "auto-generated",
    }
    return EmailMessage(
        subject=f"{page.subject or page.title} [{submission.reference}]",
        body="\n".join(lines) + "\n",
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=[address.strip() for address in delivery.target.split(",")],
        reply_to=[submission.email] if submission.email else None,
        headers=headers,
    )


def send_email(delivery: Delivery) -> None:
    message = render_email(delivery)
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentDeliveryError(f"recipients refused: {list(error.recipients)}") from error
    except smtplib.SMTPResponseException as error:
        if 500 <= error.smtp_code < 600:
            raise PermanentDeliveryError(f"SMTP {error.smtp_code}") from error
        raise


def webhook_payload(delivery: Delivery) -> bytes:
    submission = delivery.submission
    page = _page(delivery)
    payload = {
        "reference": submission.reference,
        "idempotency_key": str(delivery.idempotency_key),
        "submitted_at": submission.submit_time.isoformat(),
        "form": {"id": page.pk, "title": page.title, "url": page.full_url},
        "fields": submission_fields(submission, page),
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()


def signature(body: bytes, timestamp: int, secret: str) -> str:
    """``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body>`` (the Stripe scheme)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise PermanentDeliveryError(f"webhook answered {code} (redirects are not followed)")


def send_webhook(delivery: Delivery) -> None:
    secret = _setting("CITYFORMS_WEBHOOK_SECRET", "")
    if not secret:
        raise PermanentDeliveryError("CITYFORMS_WEBHOOK_SECRET is not set")
    body = webhook_payload(delivery)
    request = urllib.request.Request(  # noqa: S310 - the URL is set by an editor, https checked
        delivery.target,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": str(delivery.idempotency_key),
            "X-Kommunwebb-Signature": signature(body, int(time.time()), secret),
            "User-Agent": "Kommunwebb-forms/1",
        },
    )
    opener = urllib.request.build_opener(_NoRedirects)
    timeout = float(_setting("CITYFORMS_WEBHOOK_TIMEOUT", 15))
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read(1024)
    except urllib.error.HTTPError as error:
        if error.code in {408, 425, 429} or error.code >= 500:
            raise
        raise PermanentDeliveryError(f"webhook answered {error.code}") from error
