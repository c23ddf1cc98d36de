"""What the dashboard shows, read from the daily aggregates only (never raw events), so a
year over ten million events is a few small grouped queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Sum

from . import speed
from .models import (
    BUCKET_FIELDS,
    DailyBreakdown,
    DailyPageStats,
    DailySiteStats,
    DailySpeed,
    Device,
    Dimension,
    MonthlyPageStats,
    MonthlySpeed,
    Viewport,
)
from .speed import BUCKETS, BY_KEY, CORE

# A page's p75 over fewer samples than this is shown but not ranked among the slowest.
MIN_SAMPLES_FOR_RANKING = 5


@dataclass
class Point:
    start: date
    end: date
    views: int = 0
    visitors: int = 0
    sessions: int = 0


@dataclass
class MetricSummary:
    metric: speed.Metric
    samples: int
    p75: float | None
    shares: dict[str, float]

    @property
    def rating(self) -> str | None:
        return None if self.p75 is None else self.metric.rating(self.p75)


@dataclass
class PageRow:
    page_id: int
    views: int = 0
    visitors: int = 0
    p75: dict[str, float | None] = field(default_factory=dict)
    samples: dict[str, int] = field(default_factory=dict)
    title: str = ""
    url: str = ""
    edit_url: str = ""


def series(start: date, end: date) -> tuple[list[Point], str]:
    """Views, visitors and sessions per day, or per week for ranges over 92 days."""
    rows = DailySiteStats.objects.filter(day__range=(start, end)).values(
        "day", "views", "visitors", "sessions"
    )
    return _group({row["day"]: row for row in rows}, start, end)


def daily_points(start: date, end: date) -> list[Point]:
    rows = DailySiteStats.objects.filter(day__range=(start, end)).values(
        "day", "views", "visitors", "sessions"
    )
    return _group({row["day"]: row for row in rows}, start, end, weekly=False)[0]


def page_series(page_id: int, start: date, end: date) -> tuple[list[Point], str]:
    rows = DailyPageStats.objects.filter(page_id=page_id, day__range=(start, end)).values(
        "day", "views", "visitors"
    )
    return _group({row["day"]: row for row in rows}, start, end)


def _group(rows: dict, start: date, end: date, weekly: bool | None = None):
    if weekly is None:
        weekly = (end - start).days + 1 > 92
    points: list[Point] = []
    day = start
    while day <= end:
        bucket_end = min(day + timedelta(days=6 - day.weekday()), end) if weekly else day
        point = Point(day, bucket_end)
        current = day
        while current <= bucket_end:
            row = rows.get(current)
            if row:
                point.views += row["views"]
                point.visitors += row["visitors"]
                point.sessions += row.get("sessions", 0)
            current += timedelta(days=1)
        points.append(point)
        day = bucket_end + timedelta(days=1)
    return points, ("week" if weekly else "day")


def totals(start: date, end: date) -> dict[str, int]:
    result = DailySiteStats.objects.filter(day__range=(start, end)).aggregate(
        views=Sum("views"), visitors=Sum("visitors"), sessions=Sum("sessions")
    )
    return {key: value or 0 for key, value in result.items()}


def last_rollup():
    return (
        DailySiteStats.objects.order_by("-rolled_up_at")
        .values_list("rolled_up_at", flat=True)
        .first()
    )


def breakdown(dimension: str, start: date, end: date, limit: int | None = 10):
    rows = (
        DailyBreakdown.objects.filter(day__range=(start, end), dimension=dimension)
        .values("value")
        .annotate(total=Sum("count"))
        .order_by("-total", "value")
    )
    if limit:
        rows = rows[:limit]
    labels = {Dimension.DEVICE: dict(Device.choices), Dimension.VIEWPORT: dict(Viewport.choices)}
    names = labels.get(dimension, {})
    return [(names.get(row["value"], row["value"]), row["total"]) for row in rows]


def split_range(start: date, end: date) -> tuple[list[date], list[tuple[date, date]]]:
    """The calendar months lying wholly inside [start, end] (read from the monthly tables)
    and the day ranges left over at the edges (read from the daily ones)."""
    months: list[date] = []
    edges: list[tuple[date, date]] = []
    month = start.replace(day=1)
    if month < start:
        month = (month + timedelta(days=32)).replace(day=1)
    first_edge_end = min(end, month - timedelta(days=1))
    if start <= first_edge_end:
        edges.append((start, first_edge_end))
    while month <= end:
        following = (month + timedelta(days=32)).replace(day=1)
        if following - timedelta(days=1) <= end:
            months.append(month)
        else:
            edges.append((month, end))
        month = following
    return months, edges


def _tiered(daily_model, monthly_model, start: date, end: date, **filters):
    """Querysets over both tiers covering [start, end] once each."""
    months, edges = split_range(start, end)
    querysets = []
    if months:
        querysets.append(monthly_model.objects.filter(month__in=months, **filters))
    for first, last in edges:
        querysets.append(daily_model.objects.filter(day__range=(first, last), **filters))
    return querysets


def _histograms(start: date, end: date, page_id: int | None = None):
    """{(page_id, metric): [bucket counts]} summed over the range: whole months from the
    monthly table, the rest from the daily one (a year is about 14 × pages × 5 rows)."""
    filters = {} if page_id is None else {"page_id": page_id}
    result: dict[tuple[int, str], list[int]] = {}
    for queryset in _tiered(DailySpeed, MonthlySpeed, start, end, **filters):
        rows = queryset.values("page_id", "metric").annotate(
            **{f"s_{name}": Sum(name) for name in BUCKET_FIELDS}
        )
        for row in rows:
            counts = [row[f"s_{name}"] for name in BUCKET_FIELDS]
            key = (row["page_id"], row["metric"])
            if key in result:
                result[key] = [a + b for a, b in zip(result[key], counts, strict=True)]
            else:
                result[key] = counts
    return result


def speed_summary(start: date, end: date, page_id: int | None = None):
    """Site-wide (or one page's) summary per metric, and the per-page histograms."""
    histograms = _histograms(start, end, page_id)
    overall: dict[str, list[int]] = defaultdict(lambda: [0] * BUCKETS)
    for (_page, key), counts in histograms.items():
        total = overall[key]
        for index, count in enumerate(counts):
            total[index] += count
    summaries = [
        MetricSummary(
            metric=metric,
            samples=sum(overall[metric.key]),
            p75=speed.percentile(metric, overall[metric.key]),
            shares=speed.shares(metric, overall[metric.key]),
        )
        for metric in (*CORE, BY_KEY["fcp"])
    ]
    return summaries, histograms


def pages(start: date, end: date, histograms=None, limit: int | None = 20) -> list[PageRow]:
    """The most viewed pages with their views, visitors and p75 per metric."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for queryset in _tiered(DailyPageStats, MonthlyPageStats, start, end):
        for row in queryset.values("page_id").annotate(v=Sum("views"), u=Sum("visitors")):
            total = totals[row["page_id"]]
            total[0] += row["v"]
            total[1] += row["u"]
    ranked = sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))
    if limit:
        ranked = ranked[:limit]
    result = [PageRow(page_id, views, visitors) for page_id, (views, visitors) in ranked]
    if histograms is None:
        histograms = _histograms(start, end)
    for row in result:
        _fill_speed(row, histograms)
    return describe(result)


def slowest(start: date, end: date, histograms, limit: int = 10) -> list[PageRow]:
    """Pages by p75 LCP, slowest first, among pages with enough samples."""
    lcp = BY_KEY["lcp"]
    candidates = [
        (speed.percentile(lcp, counts), page_id)
        for (page_id, key), counts in histograms.items()
        if key == "lcp" and sum(counts) >= MIN_SAMPLES_FOR_RANKING
    ]
    candidates.sort(key=lambda item: (-item[0], item[1]))
    result = [PageRow(page_id) for _p75, page_id in candidates[:limit]]
    for row in result:
        _fill_speed(row, histograms)
    return describe(result)


def _fill_speed(row: PageRow, histograms) -> None:
    for metric in (*CORE, BY_KEY["fcp"]):
        counts = histograms.get((row.page_id, metric.key))
        row.samples[metric.key] = sum(counts) if counts else 0
        row.p75[metric.key] = speed.percentile(metric, counts) if counts else None


def describe(rows: list[PageRow]) -> list[PageRow]:
    """Titles and addresses of the pages, in one query; deleted pages say so."""
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from wagtail.models import Page

    found = {
        page.pk: page
        for page in Page.objects.filter(pk__in=[row.page_id for row in rows]).only(
            "id", "title", "url_path", "depth", "path"
        )
    }
    for row in rows:
        page = found.get(row.page_id)
        if page is None:
            row.title = _("Borttagen sida (id %(id)s)") % {"id": row.page_id}
            continue
        row.title = page.title
        row.url = page.get_url() or ""
        row.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return rows


def page_summary(page_id: int, days: int = 30, today: date | None = None):
    """Views in the last ``days`` days and p75 LCP, for the page's edit view."""
    from .rollup import local_today

    end = today or local_today()
    start = end - timedelta(days=days - 1)
    views = (
        DailyPageStats.objects.filter(page_id=page_id, day__range=(start, end)).aggregate(
            total=Sum("views")
        )["total"]
        or 0
    )
    lcp = BY_KEY["lcp"]
    counts = [0] * BUCKETS
    for row in DailySpeed.objects.filter(
        page_id=page_id, metric="lcp", day__range=(start, end)
    ).values_list(*BUCKET_FIELDS):
        for index, count in enumerate(row):
            counts[index] += count
    return {"views": views, "lcp_p75": speed.percentile(lcp, counts), "samples": sum(counts)}
