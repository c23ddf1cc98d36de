"""What subscriptions register with the infrastructure: three kinds of personal data with
their retention and purge, where the rights tools find and erase a subscriber, and the sweep
of lost sending tasks on the task worker."""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SWEEP_EVERY = timedelta(minutes=5)
MESSAGES_KEPT = timedelta(days=30)
SUBSCRIPTION_KEPT = timedelta(days=3 * 365)


def unconfirmed_kept() -> timedelta:
    return timedelta(hours=int(getattr(settings, "SUBSCRIPTIONS_CONFIRM_HOURS", 48)))


def register_all():
    from kommunwebb.gdpr.sources import register_source
    from kommunwebb.operations import schedule
    from kommunwebb.retention import registry
    from kommunwebb.retention.purging import count_queryset, purge_queryset

    from .models import Message, Subscriber

    def unconfirmed(cutoff):
        return Subscriber.objects.unconfirmed().filter(created_at__lt=cutoff)

    def stale(cutoff):
        return Subscriber.objects.confirmed().filter(renewed_at__lt=cutoff)

    def sent(cutoff):
        return Message.objects.filter(created_at__lt=cutoff)

    registry.register(
        "subscriptions.unconfirmed",
        label=_("Obekräftade prenumerationer"),
        period=unconfirmed_kept,
        purge=lambda cutoff, batch_size: purge_queryset(unconfirmed(cutoff), batch_size),
        count=lambda cutoff: count_queryset(unconfirmed(cutoff)),
        describe=_(
            "E-postadresser som någon anmält till en prenumeration men som inte bekräftats "
            "med länken i bekräftelsemejlet. Tas bort när länken slutat gälla."
        ),
    )
    registry.register(
        "subscriptions.subscribers",
        label=_("Prenumeranter"),
        period=SUBSCRIPTION_KEPT,
        purge=lambda cutoff, batch_size: purge_queryset(stale(cutoff), batch_size),
        count=lambda cutoff: count_queryset(stale(cutoff)),
        describe=_(
            "E-postadress och val för den som prenumererar på driftmeddelanden eller "
            "nyheter. Tas bort direkt när prenumerationen avslutas, och tre år efter att "
            "den senast bekräftades eller ändrades."
        ),
    )
    registry.register(
        "subscriptions.messages",
        label=_("Skickade prenumerationsmejl"),
        period=MESSAGES_KEPT,
        purge=lambda cutoff, batch_size: purge_queryset(sent(cutoff), batch_size),
        count=lambda cutoff: count_queryset(sent(cutoff)),
        describe=_(
            "Vilka utskick som gått till vilken prenumerant, så att ingen får samma "
            "meddelande två gånger. Sparas en månad."
        ),
    )
    register_source("subscriptions.subscribers", label=_("Prenumerationer"), find=find, erase=erase)
    schedule.register_job(
        "subscriptions.sweep", "kommunwebb.subscriptions.tasks.sweep", every=SWEEP_EVERY
    )


def find(query: str) -> list[dict]:
    from .models import Subscriber

    address = query.strip()
    if "@" not in address or len(address) > 254:
        return []
    return [
        {
            "kind": "subscriptions.subscribers",
            "id": subscriber.pk,
            "created_at": subscriber.created_at,
            "email": subscriber.email,
            "confirmed_at": subscriber.confirmed_at,
            "alert_level": subscriber.get_alert_level_display(),
            "topics": [topic.name for topic in subscriber.topics.all()],
            "messages": [
                {"subject": message.mailing.subject, "state": message.get_state_display()}
                for message in subscriber.messages.select_related("mailing")
            ],
        }
        for subscriber in Subscriber.objects.filter(email__iexact=address).prefetch_related(
            "topics"
        )
    ]


def erase(items: list[dict]) -> int:
    from .models import Subscriber

    ids = [item["id"] for item in items if item.get("kind") == "subscriptions.subscribers"]
    _total, per_model = Subscriber.objects.filter(pk__in=ids).delete()
    return per_model.get(Subscriber._meta.label, 0)
