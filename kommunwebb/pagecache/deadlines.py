"""Clock-driven changes on public pages: "Öppet nu" flips, alerts start and end, events
start and end. Each returns the next such moment after ``now`` across the whole site."""

import logging

from django.apps import apps

from .invalidation import register_deadline

logger = logging.getLogger(__name__)


def opening_hours_change(now):
    """The next opening or closing of any contact card with opening hours."""
    from kommunwebb.contacts.models import ContactCard, build_schedule

    earliest = None
    cards = ContactCard.objects.prefetch_related("opening_hours", "opening_hours_exceptions")
    for card in cards:
        schedule = build_schedule(card.opening_hours.all(), card.opening_hours_exceptions.all())
        moment = schedule.status(now).next_change
        if moment is not None and (earliest is None or moment < earliest):
            earliest = moment
    return earliest


def alert_window_change(now):
    """The next start or end of an alert banner."""
    from django.db.models import Min

    from kommunwebb.alerts.models import Alert

    moments = Alert.objects.aggregate(
        starts=Min("starts_at", filter=_after("starts_at", now)),
        ends=Min("ends_at", filter=_after("ends_at", now)),
    )
    return _earliest(moments.values())


def event_change(now):
    """The next start or end of an event occurrence ("pågår nu", listings dropping past ones)."""
    from django.db.models import Min

    from kommunwebb.events.models import EventOccurrence

    moments = EventOccurrence.objects.aggregate(
        starts=Min("start", filter=_after("start", now)),
        ends=Min("end", filter=_after("end", now)),
    )
    return _earliest(moments.values())


def _after(field, now):
    from django.db.models import Q

    return Q(**{f"{field}__gt": now})


def _earliest(values):
    values = [value for value in values if value is not None]
    return min(values) if values else None


def register_builtin():
    for app_label, fn in (
        ("contacts", opening_hours_change),
        ("alerts", alert_window_change),
        ("events", event_change),
    ):
        if apps.is_installed(f"kommunwebb.{app_label}"):
            register_deadline(fn)
