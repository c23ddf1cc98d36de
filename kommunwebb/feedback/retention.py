"""How long page feedback is kept (the retention registry, contract C4).

* ``feedback.comments``: a comment is blanked six months after it was written; the answer
  it belongs to stays, as a count.
* ``feedback.answers``: the answers themselves (page, Ja/Nej, time; nothing about the
  visitor) are kept as long as the statistics' daily aggregates (25 months by default,
  ``ANALYTICS_AGGREGATE_RETENTION_MONTHS``), so both can be compared over the same period.
"""

import calendar
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENTS_KEPT = timedelta(days=183)


def answers_kept() -> timedelta:
    months = int(getattr(settings, "ANALYTICS_AGGREGATE_RETENTION_MONTHS", 25))
    today = timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    then = today.replace(
        year=year, month=month + 1, day=min(today.day, calendar.monthrange(year, month + 1)[1])
    )
    return today - then


def _comments(cutoff):
    from .models import PageFeedback

    return PageFeedback.objects.exclude(comment="").filter(commented_at__lt=cutoff)


def _answers(cutoff):
    from .models import PageFeedback

    return PageFeedback.objects.filter(created_at__lt=cutoff)


def purge_comments(cutoff, batch_size):
    """Blank expired comments in batches, each in its own short transaction."""
    while True:
        ids = list(_comments(cutoff).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return
        with transaction.atomic():
            yield _comments(cutoff).filter(pk__in=ids).update(comment="", commented_at=None)


def register_all():
    from kommunwebb.retention import registry
    from kommunwebb.retention.purging import count_queryset, purge_queryset

    registry.register(
        "feedback.comments",
        label=_("Kommentarer om sidor"),
        period=COMMENTS_KEPT,
        purge=purge_comments,
        count=lambda cutoff: count_queryset(_comments(cutoff)),
        describe=_(
            "Det besökare skrivit under ”Var sidan till hjälp?”. E-postadresser, "
            "telefonnummer och personnummer tas bort innan kommentaren sparas. Kommentaren "
            "raderas efter sex månader; svaret Ja eller Nej finns kvar som en siffra."
        ),
    )
    registry.register(
        "feedback.answers",
        label=_("Svar på ”Var sidan till hjälp?”"),
        period=answers_kept,
        purge=lambda cutoff, batch_size: purge_queryset(_answers(cutoff), batch_size),
        count=lambda cutoff: count_queryset(_answers(cutoff)),
        describe=_(
            "Vilken sida, Ja eller Nej och när, utan någon uppgift om besökaren. Sparas lika "
            "länge som besöksstatistiken per dag, så att de går att jämföra."
        ),
    )
