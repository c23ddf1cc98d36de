"""What the outbox registers with the infrastructure below it: the retention period of the
e-mail it keeps, where the rights tools find it, and the sweep on the task worker."""

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

KEPT = timedelta(days=30)
SWEEP_EVERY = timedelta(minutes=5)


def register_all():
    from kommunwebb.gdpr.sources import register_source
    from kommunwebb.operations import schedule
    from kommunwebb.retention import registry
    from kommunwebb.retention.purging import count_queryset, purge_queryset

    registry.register(
        "outbox.emails",
        label=_("Utgående e-post"),
        period=KEPT,
        purge=lambda cutoff, batch_size: purge_queryset(_sent_before(cutoff), batch_size),
        count=lambda cutoff: count_queryset(_sent_before(cutoff)),
        describe=_(
            "E-post som webbplatsen själv skickar, till exempel påminnelser till "
            "sidansvariga om sidor att granska. Sparas en månad så att det går att se "
            "vad som skickats."
        ),
    )
    register_source(
        "outbox.emails",
        label=_("Utgående e-post"),
        find=find_emails,
        erase=erase_emails,
    )
    schedule.register_job("outbox.sweep", "kommunwebb.outbox.tasks.sweep", every=SWEEP_EVERY)


def _sent_before(cutoff):
    from .models import Email

    return Email.objects.filter(created_at__lt=cutoff)


def find_emails(query: str) -> list[dict]:
    from .models import Email

    address = query.strip().lower()
    if "@" not in address or len(address) > 254:
        return []
    matches = Email.objects.filter(
        Q(recipients__iexact=address)
        | Q(recipients__istartswith=f"{address},")
        | Q(recipients__iendswith=f", {address}")
        | Q(recipients__icontains=f", {address},")
    )
    return [
        {
            "kind": "outbox.emails",
            "id": email.pk,
            "created_at": email.created_at,
            "recipients": email.recipients,
            "subject": email.subject,
            "body": email.body,
            "state": email.get_state_display(),
        }
        for email in matches
    ]


def erase_emails(items: list[dict]) -> int:
    from .models import Email

    ids = [item["id"] for item in items if item.get("kind") == "outbox.emails"]
    _total, per_model = Email.objects.filter(pk__in=ids).delete()
    return per_model.get(Email._meta.label, 0)
