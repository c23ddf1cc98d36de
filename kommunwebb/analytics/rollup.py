"""From raw events to daily aggregates, and the purges that keep storage limited.

``rollup()`` recomputes every day that still has raw data and is not final yet: today
(partial, refreshed on each run) and any day that ended less than ``GRACE`` ago or was
never rolled up. A day is recomputed whole, in one transaction, so running it again is
harmless. Days are local days in ``settings.TIME_ZONE``.

Sessions are counted here, from the visitor ids and times of the raw beacons: a beacon
starts a session when the same visitor sent none in the 30 minutes before it.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from .models import (
    BUCKET_FIELDS,
    BeaconEvent,
    DailyBreakdown,
    DailyPageStats,
    DailySiteStats,
    DailySpeed,
    Dimension,
    HourlyPageViews,
    MonthlyPageStats,
    MonthlySpeed,
)
from .speed import BUCKETS, METRICS

SESSION_GAP = 30 * 60
# Beacons and views wait up to a few seconds in the web processes' buffers; a day is
# final only when rolled up this long after it ended.
GRACE = timedelta(minutes=10)
DAILY_MODELS = (DailySiteStats, DailyPageStats, DailyBreakdown, DailySpeed)
MONTHLY_MODELS = (MonthlyPageStats, MonthlySpeed)


def raw_retention() -> timedelta:
    return timedelta(days=int(getattr(settings, "ANALYTICS_RAW_RETENTION_DAYS", 30)))


def aggregate_retention_months() -> int:
    return int(getattr(settings, "ANALYTICS_AGGREGATE_RETENTION_MONTHS", 25))


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def aggregate_retention() -> timedelta:
    today = local_today()
    return today - months_before(today, aggregate_retention_months())


def tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_today(now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), tz()).date()


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz())


def day_bounds(day: date) -> tuple[int, int]:
    """The day as [start, end) in Unix seconds (23 or 25 hours long at DST changes)."""
    return int(day_start(day).timestamp()), int(day_start(day + timedelta(days=1)).timestamp())


def local_day(ts: int) -> date:
    return datetime.fromtimestamp(ts, tz()).date()


def _db():
    return router.db_for_write(HourlyPageViews)


def _fetch(sql: str, params) -> list[tuple]:
    with connections[_db()].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def raw_days() -> tuple[date, date] | None:
    """The first and last local day that has raw data."""
    hourly = HourlyPageViews._meta.db_table
    beacons = BeaconEvent._meta.db_table
    rows = _fetch(
        f"SELECT MIN(hour), MAX(hour) FROM {hourly} "  # noqa: S608
        f"UNION ALL SELECT MIN(ts), MAX(ts) FROM {beacons}",
        [],
    )
    lows = [low for low, _high in rows if low is not None]
    highs = [high for _low, high in rows if high is not None]
    if not lows:
        return None
    return local_day(min(lows)), local_day(max(highs))


def pending_days(now: datetime | None = None) -> list[date]:
    """Days with raw data that have not been rolled up for good."""
    now = now or timezone.now()
    span = raw_days()
    if span is None:
        return []
    first, last = span
    final = {
        day
        for day, rolled in DailySiteStats.objects.filter(day__range=(first, last)).values_list(
            "day", "rolled_up_at"
        )
        if rolled >= day_start(day + timedelta(days=1)) + GRACE
    }
    days = []
    day = first
    while day <= last:
        if day not in final:
            days.append(day)
        day += timedelta(days=1)
    return days


def rollup(now: datetime | None = None, days=None) -> list[date]:
    """Roll up the pending days (or the given ones); returns the days rolled up."""
    now = now or timezone.now()
    days = pending_days(now) if days is None else list(days)
    for day in days:
        rollup_day(day, now)
    for month in sorted({day.replace(day=1) for day in days}):
        rollup_month(month)
    return days


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def rollup_month(month: date) -> None:
    """Sum a month's daily page and speed rows into its monthly rows (recomputed whole)."""
    from django.db.models import Sum

    days = (month, month_end(month))
    pages = (
        DailyPageStats.objects.filter(day__range=days)
        .values("page_id")
        .annotate(views=Sum("views"), visitors=Sum("visitors"))
    )
    speed = (
        DailySpeed.objects.filter(day__range=days)
        .values("page_id", "metric")
        .annotate(samples_sum=Sum("samples"), **{f"{n}_sum": Sum(n) for n in BUCKET_FIELDS})
    )
    monthly_pages = [
        MonthlyPageStats(
            month=month, page_id=row["page_id"], views=row["views"], visitors=row["visitors"]
        )
        for row in pages
    ]
    monthly_speed = [
        MonthlySpeed(
            month=month,
            page_id=row["page_id"],
            metric=row["metric"],
            samples=row["samples_sum"],
            **{name: row[f"{name}_sum"] for name in BUCKET_FIELDS},
        )
        for row in speed
    ]
    with transaction.atomic(using=_db()):
        for model in MONTHLY_MODELS:
            model.objects.filter(month=month).delete()
        MonthlyPageStats.objects.bulk_create(monthly_pages, batch_size=500)
        MonthlySpeed.objects.bulk_create(monthly_speed, batch_size=200)


def scheduled_rollup() -> dict:
    """The recurring job (every 15 minutes on the task worker)."""
    return {"days": [day.isoformat() for day in rollup()]}


def rollup_day(day: date, now: datetime | None = None) -> None:
    now = now or timezone.now()
    start, end = day_bounds(day)
    hourly = HourlyPageViews._meta.db_table
    beacons = BeaconEvent._meta.db_table
    in_hours = "hour >= %s AND hour < %s"
    in_beacons = "ts >= %s AND ts < %s"
    span = [start, end]

    page_views = dict(
        _fetch(
            f"SELECT page_id, SUM(views) FROM {hourly} WHERE {in_hours} GROUP BY page_id",  # noqa: S608
            span,
        )
    )
    page_visitors = dict(
        _fetch(
            f"SELECT page_id, COUNT(DISTINCT visitor) FROM {beacons} "  # noqa: S608
            f"WHERE {in_beacons} GROUP BY page_id",
            span,
        )
    )
    referrers = _fetch(
        f"SELECT referrer_host, SUM(views) FROM {hourly} "  # noqa: S608
        f"WHERE {in_hours} AND referrer_host <> '' GROUP BY referrer_host",
        span,
    )
    device_rows = _fetch(
        f"SELECT device, SUM(views) FROM {hourly} WHERE {in_hours} GROUP BY device",  # noqa: S608
        span,
    )
    viewports = _fetch(
        f"SELECT viewport, COUNT(*) FROM {beacons} "  # noqa: S608
        f"WHERE {in_beacons} AND viewport <> '' GROUP BY viewport",
        span,
    )
    [(visitors, beacon_count)] = _fetch(
        f"SELECT COUNT(DISTINCT visitor), COUNT(*) FROM {beacons} WHERE {in_beacons}",  # noqa: S608
        span,
    )
    [(sessions,)] = _fetch(
        "SELECT COUNT(*) FROM ("  # noqa: S608
        "SELECT ts, LAG(ts) OVER (PARTITION BY visitor ORDER BY ts) AS previous "
        f"FROM {beacons} WHERE ts >= %s AND ts < %s"
        ") AS timeline WHERE ts >= %s AND (previous IS NULL OR ts - previous > %s)",
        [start - SESSION_GAP, end, start, SESSION_GAP],
    )
    histograms = _histograms(beacons, in_beacons, span)

    rows_site = DailySiteStats(
        day=day,
        views=sum(page_views.values()),
        visitors=visitors,
        sessions=sessions,
        beacons=beacon_count,
        rolled_up_at=now,
    )
    rows_pages = [
        DailyPageStats(
            day=day,
            page_id=page_id,
            views=page_views.get(page_id, 0),
            visitors=page_visitors.get(page_id, 0),
        )
        for page_id in sorted(page_views.keys() | page_visitors.keys())
    ]
    rows_breakdown = [
        DailyBreakdown(day=day, dimension=dimension, value=value, count=count)
        for dimension, rows in (
            (Dimension.REFERRER, referrers),
            (Dimension.DEVICE, device_rows),
            (Dimension.VIEWPORT, viewports),
        )
        for value, count in rows
    ]
    rows_speed = []
    for (page_id, metric), counts in sorted(histograms.items()):
        row = DailySpeed(day=day, page_id=page_id, metric=metric, samples=sum(counts))
        for name, count in zip(BUCKET_FIELDS, counts, strict=True):
            setattr(row, name, count)
        rows_speed.append(row)

    with transaction.atomic(using=_db()):
        for model in DAILY_MODELS:
            model.objects.filter(day=day).delete()
        rows_site.save()
        DailyPageStats.objects.bulk_create(rows_pages, batch_size=500)
        DailyBreakdown.objects.bulk_create(rows_breakdown, batch_size=500)
        DailySpeed.objects.bulk_create(rows_speed, batch_size=200)


def _bucket_case(column: str, uppers) -> str:
    whens = " ".join(f"WHEN {column} <= {upper!r} THEN {i}" for i, upper in enumerate(uppers))
    return f"CASE {whens} ELSE {len(uppers)} END"


def _histograms(table: str, where: str, span) -> dict[tuple[int, str], list[int]]:
    result: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0] * BUCKETS)
    for metric in METRICS:
        column = metric.key
        sql = (
            f"SELECT page_id, {_bucket_case(column, metric.uppers)} AS bucket, COUNT(*) "  # noqa: S608
            f"FROM {table} WHERE {where} AND {column} IS NOT NULL GROUP BY page_id, bucket"
        )
        for page_id, bucket, count in _fetch(sql, span):
            result[(page_id, metric.key)][bucket] = count
    return result


# --- Retention (registered with kommunwebb.retention in apps.py) ------------------------


def _raw_cutoff_ts(cutoff: datetime) -> int:
    """Raw data goes by whole local days, so a day is never half rolled up, half gone."""
    return day_bounds(timezone.localtime(cutoff, tz()).date())[0]


def _batched_delete(table: str, column: str, below: int, batch_size: int):
    """Delete rows with ``column < below`` in batches of ``batch_size`` by primary key."""
    while True:
        with transaction.atomic(using=_db()):
            rows = _fetch(
                f"SELECT id FROM {table} WHERE {column} < %s ORDER BY id LIMIT %s",  # noqa: S608
                [below, batch_size],
            )
            if not rows:
                return
            ids = [row[0] for row in rows]
            placeholders = ", ".join(["%s"] * len(ids))
            with connections[_db()].cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE id IN ({placeholders})", ids)  # noqa: S608
        yield len(ids)
        if len(ids) < batch_size:
            return


def purge_raw(cutoff: datetime, batch_size: int = 5000):
    """Roll up what is pending, then delete raw events from before ``cutoff``'s day."""
    rollup()
    below = _raw_cutoff_ts(cutoff)
    yield from _batched_delete(HourlyPageViews._meta.db_table, "hour", below, batch_size)
    yield from _batched_delete(BeaconEvent._meta.db_table, "ts", below, batch_size)


def count_raw(cutoff: datetime) -> int:
    below = _raw_cutoff_ts(cutoff)
    return (
        HourlyPageViews.objects.filter(hour__lt=below).count()
        + BeaconEvent.objects.filter(ts__lt=below).count()
    )


def purge_aggregates(cutoff: datetime, batch_size: int = 5000):
    from kommunwebb.retention.purging import purge_queryset

    day = timezone.localtime(cutoff, tz()).date()
    for model in DAILY_MODELS:
        yield from purge_queryset(model.objects.filter(day__lt=day), batch_size)
    # A month goes once all of its days have gone.
    for model in MONTHLY_MODELS:
        yield from purge_queryset(model.objects.filter(month__lt=day.replace(day=1)), batch_size)


def count_aggregates(cutoff: datetime) -> int:
    day = timezone.localtime(cutoff, tz()).date()
    return sum(model.objects.filter(day__lt=day).count() for model in DAILY_MODELS) + sum(
        model.objects.filter(month__lt=day.replace(day=1)).count() for model in MONTHLY_MODELS
    )
