"""What a subscription stores: the address and the choices, nothing else (no IP address, no
user agent, no time of the request beyond when it was made or confirmed); what is sent to
whom, as outbox entries the delivery state machine moves along.

``Mailing`` is one alert or news article told to subscribers, composed once; ``Message`` is
that mailing to one subscriber: one row per subscriber and mailing (a unique constraint), so
publishing an alert again never sends it twice to the same address.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kommunwebb.alerts.models import LEVEL_RANK, AlertLevel
from kommunwebb.outbox.models import OutboxEntry


class AlertChoice(models.TextChoices):
    """Which alerts a subscriber wants: none, or a level and up (VMA always counts)."""

    NONE = "", _("Inga driftmeddelanden")
    INFORMATION = AlertLevel.INFORMATION.value, _("Alla driftmeddelanden")
    IMPORTANT = AlertLevel.IMPORTANT.value, _("Viktigt och kris")
    CRISIS = AlertLevel.CRISIS.value, _("Bara kris")


def choices_reached_by(level: str) -> list[str]:
    """The subscribers' alert choices an alert of ``level`` reaches: a VMA reaches every
    subscriber of alerts, a crisis those of "crisis and up" and below, and so on."""
    rank = LEVEL_RANK.get(level, len(LEVEL_RANK))
    return [choice.value for choice in AlertChoice if choice and LEVEL_RANK[choice.value] >= rank]


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Subscriber(models.Model):
    email = models.EmailField(_("e-postadress"), max_length=254, unique=True)
    alert_level = models.CharField(
        _("driftmeddelanden"), max_length=16, choices=AlertChoice.choices, blank=True
    )
    topics = models.ManyToManyField(
        "taxonomy.Topic", blank=True, related_name="subscribers", verbose_name=_("nyheter i ämnena")
    )
    created_at = models.DateTimeField(_("begärd"), default=timezone.now, db_index=True)
    # Null until the address's owner followed the link in the confirmation mail: nothing is
    # sent to an unconfirmed address but that mail, and unconfirmed rows are purged soon.
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    # The last time the owner confirmed or changed the choices: the retention period runs
    # from here (registration.py).
    renewed_at = models.DateTimeField(_("senast ändrad"), null=True, blank=True, db_index=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("prenumerant")
        verbose_name_plural = _("prenumeranter")

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Mailing(models.Model):
    """One alert or news article as e-mail, composed once for every subscriber."""

    class Kind(models.TextChoices):
        ALERT = "alert", _("Driftmeddelande")
        NEWS = "news", _("Nyhet")

    kind = models.CharField(_("typ"), max_length=8, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("id"))
    subject = models.CharField(_("ämne"), max_length=255)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="subscriptions_one_mailing_per_object"
            )
        ]

    def __str__(self):
        return self.subject


class Message(OutboxEntry):
    """A mailing to one subscriber. The address is read from the subscriber when it is sent:
    an unsubscribed (deleted) subscriber's messages go with it."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="messages")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="messages")
    # The recipient's mail provider (the domain of the address), for the per-provider rate
    # limit of outbox.providers.
    provider = models.CharField(_("e-postleverantör"), max_length=253)

    class Meta:
        verbose_name = _("utskickat meddelande")
        verbose_name_plural = _("utskickade meddelanden")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="subscriptions_one_message_per_subscriber"
            )
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="subscriptions_message_due"),
            models.Index(fields=["provider", "delivered_at"], name="subscriptions_provider_sent"),
        ]
