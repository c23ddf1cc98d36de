"""Handing an e-mail to the mail server, and what its answer means.

A send either returns (the server accepted the message), raises
``PermanentDeliveryError`` (trying again would not help: SMTP 5xx, every recipient
refused) or raises anything else (worth another try). Every copy of one message carries the
same ``Message-ID``, made from its idempotency key, so mail clients and archives collapse a
copy sent twice after a crash.
"""

import smtplib
from ipaddress import ip_address
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage


class PermanentDeliveryError(Exception):
    """The destination refused for good: trying again would not help."""


def site_host() -> str:
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or ""
    try:
        ip_address(host)
    except ValueError:
        return host or "kommunwebb.invalid"
    return "kommunwebb.invalid"  # an address is no domain name


def message_id(key, domain: str = "") -> str:
    """``<idempotency key@site host>``: the same for every copy of one message."""
    return f"<{key}@{domain or site_host()}>"


def send_message(message: EmailMessage) -> None:
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentDeliveryError(f"recipients refused: {list(error.recipients)}") from error
    except smtplib.SMTPResponseException as error:
        if 500 <= error.smtp_code < 600:
            raise PermanentDeliveryError(f"SMTP {error.smtp_code}") from error
        raise


def render(email) -> EmailMessage:
    """The site's own e-mail (``models.Email``) as Django's message."""
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email or settings.DEFAULT_FROM_EMAIL,
        to=email.recipient_list(),
        headers={
            "Message-ID": message_id(email.idempotency_key),
            "Auto-Submitted": "auto-generated",
        },
    )


def send(email) -> None:
    if not email.recipient_list():
        raise PermanentDeliveryError("no recipients")
    send_message(render(email))
