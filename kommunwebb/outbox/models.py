"""Rows that carry a message out of the site, and the site's own e-mail.

``OutboxEntry`` holds what the delivery state machine (``lease.py``) needs of any message:
its state, attempts, lease and idempotency key. Form deliveries (``cityforms.Delivery``) are
entries; so is ``Email``, a message the site composes itself (the weekly review reminder),
stored whole so that sending it again sends the same words.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Väntar")
    SENDING = "sending", _("Skickas")
    RETRYING = "retrying", _("Försöker igen")
    DELIVERED = "delivered", _("Levererad")
    FAILED = "failed", _("Misslyckades")


class OutboxEntry(models.Model):
    """One message to one destination, moved along by ``lease.py``."""

    State = OutboxState

    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(
        _("status"), max_length=16, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    next_attempt_at = models.DateTimeField(_("nästa försök"), null=True, blank=True)
    lease_token = models.CharField(max_length=32, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(_("senaste fel"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("levererad"), null=True, blank=True)

    class Meta:
        abstract = True


class Email(OutboxEntry):
    """An e-mail the site wrote itself, kept until it has been sent (and a while after, for
    the log of what went out; ``outbox.emails`` in the retention registry)."""

    purpose = models.CharField(
        _("ändamål"), max_length=60, help_text=_("Vad meddelandet är, t.ex. granskningspåminnelse.")
    )
    recipients = models.TextField(_("mottagare"))
    subject = models.CharField(_("ämne"), max_length=255)
    body = models.TextField(_("text"))
    from_email = models.CharField(_("avsändare"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-post")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_email_due")]

    def __str__(self):
        return self.subject

    def recipient_list(self) -> list[str]:
        return [address.strip() for address in self.recipients.split(",") if address.strip()]
