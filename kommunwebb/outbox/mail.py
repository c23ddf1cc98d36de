"""Queueing the site's own e-mail: the row and the task that sends it, in the caller's
transaction, so nothing is queued for a change that was rolled back and nothing committed
is left unsent."""

from django.db import transaction

from . import tasks
from .models import Email


def queue_email(
    *, to: list[str], subject: str, body: str, purpose: str, from_email: str = ""
) -> Email:
    """Store an e-mail and queue its sending; returns the stored row."""
    with transaction.atomic():
        email = Email.objects.create(
            purpose=purpose,
            recipients=", ".join(to),
            subject=subject[:255],
            body=body,
            from_email=from_email,
        )
        tasks.enqueue(tasks.send_email, email.pk)
    return email
