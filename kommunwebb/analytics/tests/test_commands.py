"""The management commands: synthetic events and rollup (both databases in CI)."""

import io

import pytest
from django.core.management import call_command

from kommunwebb.analytics.models import (
    BeaconEvent,
    DailyPageStats,
    DailySiteStats,
    DailySpeed,
    HourlyPageViews,
    MonthlySpeed,
)

pytestmark = pytest.mark.django_db


def test_generate_analytics_events_writes_rolls_up_and_purges(article):
    out = io.StringIO()
    call_command("generate_analytics_events", count=5000, days=40, stdout=out)
    assert "Wrote 5000 page views" in out.getvalue()
    assert sum(DailySiteStats.objects.values_list("views", flat=True)) == 5000
    assert DailyPageStats.objects.filter(page_id=article.pk).exists()
    assert DailySpeed.objects.exists() and MonthlySpeed.objects.exists()
    # Raw events older than 30 days are gone, their aggregates stay.
    assert DailySiteStats.objects.count() >= 40
    oldest_raw = HourlyPageViews.objects.order_by("hour").values_list("hour", flat=True).first()
    from kommunwebb.analytics import rollup

    assert rollup.local_day(oldest_raw) >= rollup.local_today() - rollup.raw_retention()
    assert BeaconEvent.objects.exists()


def test_generate_analytics_events_refuses_nonsense(article):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("generate_analytics_events", count=0, stdout=io.StringIO())


def test_rollup_analytics_with_purge(article):
    call_command(
        "generate_analytics_events", count=500, days=3, keep_raw=True, stdout=io.StringIO()
    )
    out = io.StringIO()
    call_command("rollup_analytics", purge=True, stdout=out)
    assert "Rolled up" in out.getvalue() and "Deleted 0 raw rows" in out.getvalue()
