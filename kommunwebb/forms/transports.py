"""How a delivery leaves the site: an e-mail to the form's recipients, or a signed webhook
to a case system.

A transport either returns (the receiver accepted the message), raises
``PermanentDeliveryError`` (trying again would not help) or raises anything else (worth
another try). Every copy of one delivery carries the same idempotency key: the e-mail's
``Message-ID`` and the webhook's ``Idempotency-Key`` header.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from kommunwebb.core import dates
from kommunwebb.outbox import transport as outbox_transport
from kommunwebb.outbox.transport import PermanentDeliveryError

from .privacy import retention_text
from .submissions import Delivery, FormSubmission

__all__ = ["PermanentDeliveryError", "send"]


def send(delivery: Delivery) -> None:
    if delivery.channel == Delivery.Channel.EMAIL:
        send_email(delivery)
    elif delivery.channel == Delivery.Channel.WEBHOOK:
        send_webhook(delivery)
    else:
        raise PermanentDeliveryError(f"unknown channel {delivery.channel!r}")


def message_id(delivery: Delivery) -> str:
    """``<idempotency key@site host>``: the same for every copy of one delivery."""
    domain = getattr(settings, "CITYFORMS_MESSAGE_ID_DOMAIN", "")
    return outbox_transport.message_id(delivery.idempotency_key, domain)


def submission_fields(submission: FormSubmission, page) -> list[dict]:
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


def _page(delivery: Delivery):
    return delivery.submission.page.specific


# --- E-mail ---------------------------------------------------------------------------


def render_email(delivery: Delivery) -> EmailMessage:
    submission = delivery.submission
    page = _page(delivery)
    submitted = dates.date_and_time(submission.submit_time)
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
    outbox_transport.send_message(render_email(delivery))


# --- Webhook --------------------------------------------------------------------------


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
    secret = getattr(settings, "CITYFORMS_WEBHOOK_SECRET", "")
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
    timeout = float(getattr(settings, "CITYFORMS_WEBHOOK_TIMEOUT", 15))
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read(1024)
    except urllib.error.HTTPError as error:
        if error.code in {408, 425, 429} or error.code >= 500:
            raise
        raise PermanentDeliveryError(f"webhook answered {error.code}") from error
