"""Raw events rolled up into daily aggregates; retention of both."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.analytics import rollup, stats
from kommunwebb.analytics.models import (
    BeaconEvent,
    DailyBreakdown,
    DailyPageStats,
    DailySiteStats,
    DailySpeed,
    HourlyPageViews,
)
from kommunwebb.analytics.speed import BY_KEY, percentile

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)


def ts(day, hour, minute=0):
    return int(rollup.day_start(day).timestamp()) + hour * 3600 + minute * 60


def beacon(page_id, when, visitor="v" * 22, **metrics):
    return BeaconEvent.objects.create(
        ts=when, page_id=page_id, visitor=visitor, device="d", **metrics
    )


def test_day_bounds_follow_stockholm_time_including_dst():
    start, end = rollup.day_bounds(date(2026, 3, 29))  # clocks go forward
    assert end - start == 23 * 3600
    start, end = rollup.day_bounds(date(2026, 10, 25))  # and back
    assert end - start == 25 * 3600
    assert datetime.fromtimestamp(rollup.day_bounds(DAY)[0], UTC).hour == 23  # 00:00 CET


def test_views_referrers_and_devices_are_summed_per_day():
    for hour, page, host, device, n in [
        (0, 1, "", "d", 5),
        (9, 1, "google.com", "m", 3),
        (23, 2, "", "t", 2),
        (24, 1, "", "d", 100),  # the next day
    ]:
        HourlyPageViews.objects.create(
            hour=ts(DAY, hour), page_id=page, referrer_host=host, device=device, views=n
        )
    rollup.rollup_day(DAY)
    site = DailySiteStats.objects.get(day=DAY)
    assert site.views == 10
    assert dict(DailyPageStats.objects.filter(day=DAY).values_list("page_id", "views")) == {
        1: 8,
        2: 2,
    }
    assert set(
        DailyBreakdown.objects.filter(day=DAY).values_list("dimension", "value", "count")
    ) == {
        ("referrer", "google.com", 3),
        ("device", "d", 5),
        ("device", "m", 3),
        ("device", "t", 2),
    }


def test_sessions_end_after_30_minutes_without_a_beacon_and_belong_to_their_first_day():
    a, b = "a" * 22, "b" * 22
    beacon(1, ts(DAY, 10, 0), a)
    beacon(1, ts(DAY, 10, 29), a)  # same session
    beacon(2, ts(DAY, 11, 0), a)  # 31 min later: a new session
    beacon(1, ts(DAY, 12, 0), b)
    beacon(1, ts(DAY, 23, 50), b)  # a session crossing midnight …
    beacon(1, ts(DAY + timedelta(days=1), 0, 10), b)  # … is not counted again the next day
    rollup.rollup_day(DAY)
    rollup.rollup_day(DAY + timedelta(days=1))
    first = DailySiteStats.objects.get(day=DAY)
    assert (first.visitors, first.sessions, first.beacons) == (2, 4, 5)
    second = DailySiteStats.objects.get(day=DAY + timedelta(days=1))
    assert (second.visitors, second.sessions, second.beacons) == (1, 0, 1)
    assert dict(DailyPageStats.objects.filter(day=DAY).values_list("page_id", "visitors")) == {
        1: 2,
        2: 1,
    }


def test_speed_histograms_give_the_p75_of_the_raw_values():
    values = [800, 1200, 1900, 2400, 2600, 3100, 4500, 9000]
    for i, value in enumerate(values):
        beacon(1, ts(DAY, 12, i), lcp=value, cls=0.05 * i, inp=50 * i, ttfb=100 + i)
    rollup.rollup_day(DAY)
    row = DailySpeed.objects.get(day=DAY, page_id=1, metric="lcp")
    assert row.samples == len(values)
    summaries, histograms = stats.speed_summary(DAY, DAY)
    lcp = next(s for s in summaries if s.metric.key == "lcp")
    assert 3000 <= lcp.p75 <= 3250  # true p75 of the values: 3100
    assert lcp.shares["good"] == pytest.approx(4 / 8)
    assert lcp.shares["poor"] == pytest.approx(2 / 8)
    assert percentile(BY_KEY["lcp"], histograms[(1, "lcp")]) == lcp.p75


def test_rolling_up_twice_changes_nothing():
    beacon(1, ts(DAY, 12), lcp=1000)
    HourlyPageViews.objects.create(hour=ts(DAY, 12), page_id=1, device="d", views=4)
    rollup.rollup_day(DAY)
    rollup.rollup_day(DAY)
    assert DailySiteStats.objects.get().views == 4
    assert DailySpeed.objects.filter(metric="lcp").count() == 1


def test_only_days_that_are_not_final_are_rolled_up_again():
    now = rollup.day_start(DAY) + timedelta(hours=12)
    yesterday = DAY - timedelta(days=1)
    HourlyPageViews.objects.create(hour=ts(yesterday, 12), page_id=1, device="d", views=1)
    HourlyPageViews.objects.create(hour=ts(DAY, 11), page_id=1, device="d", views=1)
    assert rollup.rollup(now) == [yesterday, DAY]
    # Yesterday was rolled up well after it ended: final. Today is partial: again.
    assert rollup.rollup(now + timedelta(minutes=5)) == [DAY]


def test_raw_events_are_purged_by_whole_days_after_rolling_up(settings):
    now = rollup.day_start(DAY) + timedelta(hours=12)
    old = DAY - timedelta(days=40)
    HourlyPageViews.objects.create(hour=ts(old, 12), page_id=1, device="d", views=7)
    beacon(1, ts(old, 12), lcp=1000)
    HourlyPageViews.objects.create(hour=ts(DAY, 10), page_id=1, device="d", views=1)
    cutoff = now - rollup.raw_retention()
    assert rollup.count_raw(cutoff) == 2
    deleted = sum(rollup.purge_raw(cutoff, batch_size=1))
    assert deleted == 2
    assert HourlyPageViews.objects.count() == 1 and not BeaconEvent.objects.exists()
    # The old day survives as aggregates.
    assert DailySiteStats.objects.get(day=old).views == 7
    assert DailySpeed.objects.get(day=old).samples == 1


def test_aggregates_are_kept_25_months():
    assert rollup.months_before(date(2026, 3, 31), 25) == date(2024, 2, 29)
    for day in (date(2023, 1, 1), date(2026, 1, 1)):
        DailySiteStats.objects.create(day=day, views=1, rolled_up_at=rollup.day_start(day))
        DailyPageStats.objects.create(day=day, page_id=1, views=1)
    cutoff = rollup.day_start(date(2024, 2, 29))
    assert rollup.count_aggregates(cutoff) == 2
    assert sum(rollup.purge_aggregates(cutoff)) == 2
    assert list(DailySiteStats.objects.values_list("day", flat=True)) == [date(2026, 1, 1)]


def test_both_kinds_are_registered_with_the_retention_registry():
    from kommunwebb.retention.registry import get_kind

    raw = get_kind("analytics.raw_events")
    assert raw.period == timedelta(days=30)
    aggregates = get_kind("analytics.daily_aggregates")
    assert timedelta(days=25 * 28) < aggregates.period <= timedelta(days=25 * 31)


def test_raw_retention_follows_the_setting(settings):
    settings.ANALYTICS_RAW_RETENTION_DAYS = 7
    assert rollup.raw_retention() == timedelta(days=7)


def test_the_rollup_runs_on_the_task_worker_every_15_minutes():
    from kommunwebb.operations import schedule

    job = schedule.get_job("analytics.rollup")
    assert job.every == timedelta(minutes=15)
    HourlyPageViews.objects.create(hour=ts(rollup.local_today(), 0), page_id=1, device="d", views=2)
    assert job.call() == {"days": [rollup.local_today().isoformat()]}


@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=0, max_value=800),
)
def test_a_range_splits_into_whole_months_and_edge_days_covering_it_once(start, length):
    end = start + timedelta(days=length)
    months, edges = stats.split_range(start, end)
    covered = []
    for month in months:
        assert month.day == 1 and month >= start and rollup.month_end(month) <= end
        covered += [month + timedelta(days=n) for n in range(rollup.month_end(month).day)]
    for first, last in edges:
        covered += [first + timedelta(days=n) for n in range((last - first).days + 1)]
    assert sorted(covered) == [start + timedelta(days=n) for n in range(length + 1)]
    assert len(edges) <= 2


def test_monthly_and_daily_tiers_give_the_same_answers():
    first = date(2026, 1, 20)
    for offset in range(60):  # 20 January – 20 March
        day = first + timedelta(days=offset)
        beacon(1 + offset % 2, ts(day, 12), visitor=f"{offset:022d}", lcp=500 + 50 * offset)
        HourlyPageViews.objects.create(
            hour=ts(day, 12), page_id=1 + offset % 3, device="d", views=offset
        )
    rollup.rollup(days=[first + timedelta(days=n) for n in range(60)])
    start, end = date(2026, 1, 25), date(2026, 3, 10)  # February whole, edges around it
    assert stats.split_range(start, end)[0] == [date(2026, 2, 1)]
    tiered = {
        row.page_id: (row.views, row.visitors, row.p75["lcp"]) for row in stats.pages(start, end)
    }
    daily = {}
    for page_id in (1, 2, 3):
        rows = DailyPageStats.objects.filter(page_id=page_id, day__range=(start, end))
        counts = [0] * 24
        for row in DailySpeed.objects.filter(
            page_id=page_id, metric="lcp", day__range=(start, end)
        ):
            counts = [c + getattr(row, f"b{i:02d}") for i, c in enumerate(counts)]
        daily[page_id] = (
            sum(r.views for r in rows),
            sum(r.visitors for r in rows),
            percentile(BY_KEY["lcp"], counts) if sum(counts) else None,
        )
    assert tiered == daily


def test_old_months_are_purged_with_their_days():
    from kommunwebb.analytics.models import MonthlyPageStats

    for month in (date(2023, 12, 1), date(2024, 2, 1)):
        MonthlyPageStats.objects.create(month=month, page_id=1, views=1)
    cutoff = rollup.day_start(date(2024, 2, 29))
    assert sum(rollup.purge_aggregates(cutoff)) == 1
    assert list(MonthlyPageStats.objects.values_list("month", flat=True)) == [date(2024, 2, 1)]
