"""Alerts stored with the old display window (starts_at/ends_at) keep showing when they
did: migrations 0002–0004 turn the window into Wagtail's schedule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kommunwebb.alerts.models import Alert
from kommunwebb.testing.migrations import migrated_back


@pytest.mark.django_db(transaction=True)
def test_the_old_window_becomes_the_schedule():
    now = timezone.now().replace(microsecond=0)  # revisions keep milliseconds
    with migrated_back("alerts", "0001_initial") as old_apps:
        OldAlert = old_apps.get_model("alerts", "Alert")

        def old(title, starts, ends=None):
            return OldAlert.objects.create(
                title=title, message="Text.", level="viktigt", starts_at=starts, ends_at=ends
            ).pk

        ended = old("Över", now - timedelta(days=2), now - timedelta(days=1))
        running = old("Pågår", now - timedelta(hours=1), now + timedelta(hours=1))
        open_ended = old("Tills vidare", now - timedelta(days=1))
        waiting = old("Kommer", now + timedelta(days=1), now + timedelta(days=2))

    alerts = Alert.objects.in_bulk()
    assert not alerts[ended].live and alerts[ended].expired
    assert alerts[running].live and alerts[running].expire_at == now + timedelta(hours=1)
    assert alerts[running].first_published_at == now - timedelta(hours=1)
    assert alerts[open_ended].live and alerts[open_ended].expire_at is None
    assert list(Alert.objects.active(now).order_by("pk")) == [
        alerts[running],
        alerts[open_ended],
    ]

    scheduled = alerts[waiting]
    assert not scheduled.live and scheduled.go_live_at == now + timedelta(days=1)
    revision = scheduled.scheduled_revision
    assert revision.approved_go_live_at == now + timedelta(days=1)
    # What the task worker publishes then is the alert as it was written.
    published = revision.as_object()
    assert (published.title, published.level) == ("Kommer", "viktigt")
    assert published.expire_at == now + timedelta(days=2)
