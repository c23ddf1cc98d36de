"""What visitors send, and the deliveries that carry it to the city: the rows everything
else in the app works on. This module imports nothing else from the app.

A submission and its deliveries are written in one transaction, together with the task
that sends them (``intake``). A delivery row is the source of truth for what still has to
be sent; the state machine in ``delivery`` and the tasks in ``tasks`` move it along.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission

from kommunwebb.outbox.models import OutboxEntry


class FormSubmission(AbstractFormSubmission):
    """One form sent by a visitor. No IP address and no user agent, ever."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("formulär"),
        on_delete=models.CASCADE,
        related_name="city_form_submissions",
    )

    reference = models.CharField(_("referensnummer"), max_length=20, unique=True)
    # The first e-mail address and telephone number in the form, kept in columns of their
    # own so the rights tools can find everything about a person.
    email = models.CharField(_("e-post"), max_length=254, blank=True, db_index=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, db_index=True)
    # From the signed token of the form as it was shown: the same form sent twice (a
    # double click, "back" and "send" again) is one submission.
    nonce = models.CharField(max_length=32, unique=True, null=True, editable=False)

    class Meta:
        verbose_name = _("formulärsvar")
        verbose_name_plural = _("formulärsvar")
        indexes = [models.Index(fields=["page", "submit_time"], name="cityforms_sub_page_time")]

    def __str__(self):
        return self.reference

    def get_data(self):
        # Shown as columns in the admin's submission listing and its CSV/XLSX export.
        return {
            **super().get_data(),
            "reference": self.reference,
            "delivery_status": self.delivery_status_label(),
        }

    def delivery_status(self) -> str:
        """failed, retrying, delivered or pending, summed over the deliveries ("" if the
        delivery records have been purged or erased)."""
        states = {delivery.state for delivery in self.deliveries.all()}
        if not states:
            return ""
        for state in (Delivery.State.FAILED, Delivery.State.RETRYING):
            if state in states:
                return state
        if states == {Delivery.State.DELIVERED}:
            return Delivery.State.DELIVERED
        return Delivery.State.PENDING

    def delivery_status_label(self) -> str:
        status = self.delivery_status()
        return str(Delivery.State(status).label) if status else "–"


class Delivery(OutboxEntry):
    """One message to one destination (the form's e-mail recipients, or a case system).
    Its state, attempts, lease and idempotency key are an outbox entry's
    (``kommunwebb/outbox``), moved along by the outbox's state machine (``delivery.py``)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-post")
        WEBHOOK = "webhook", _("Webhook")

    submission = models.ForeignKey(
        FormSubmission,
        verbose_name=_("formulärsvar"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    # The record outlives the submission (purged on its own schedule): it shows the city
    # that a reference was delivered, without the content.
    reference = models.CharField(_("referensnummer"), max_length=20, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("formulär"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("kanal"), max_length=16, choices=Channel.choices)
    target = models.TextField(_("mottagare"))

    class Meta:
        verbose_name = _("leverans")
        verbose_name_plural = _("leveranser")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="cityforms_dlv_due")]
        permissions = [("retry_delivery", _("Kan skicka om formulärleveranser"))]

    def __str__(self):
        return f"{self.reference} ({self.get_channel_display()})"
