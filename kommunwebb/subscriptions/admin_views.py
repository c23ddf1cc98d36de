""" "Prenumerationer" under Dataskydd: how many subscribe to what, never who."""

from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from kommunwebb.gdpr.permissions import admin_context, handles_personal_data
from kommunwebb.outbox.models import OutboxState
from kommunwebb.taxonomy.models import Topic

from .models import AlertChoice, Message, Subscriber


@handles_personal_data
def counts(request):
    confirmed = Subscriber.objects.confirmed()
    per_level = dict(
        confirmed.exclude(alert_level="")
        .values_list("alert_level")
        .annotate(n=Count("pk"))
        .values_list("alert_level", "n")
    )
    levels = [(choice.label, per_level.get(choice.value, 0)) for choice in AlertChoice if choice]
    topics = Topic.objects.annotate(
        n=Count(
            "subscribers",
            filter=Q(subscribers__confirmed_at__isnull=False),
        )
    ).order_by("name")
    messages = dict(
        Message.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    states = [(state.label, messages.get(state.value, 0)) for state in OutboxState]
    return TemplateResponse(
        request,
        "subscriptions/admin/counts.html",
        admin_context(
            request,
            _("Prenumerationer"),
            confirmed=confirmed.count(),
            unconfirmed=Subscriber.objects.unconfirmed().count(),
            levels=levels,
            topics=[(topic.name, topic.n) for topic in topics],
            states=states,
        ),
    )
