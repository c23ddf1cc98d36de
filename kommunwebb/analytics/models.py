"""Where statistics are stored: raw events (kept 30 days) and daily aggregates (25 months).

Raw tables use integer Unix times (``ts``, ``hour``) so the rollup's arithmetic is the same
on SQLite and PostgreSQL and their indexes stay small. Pages are referenced by id without a
foreign key: deleting a page must not cascade through millions of statistics rows, and the
numbers of a deleted page stay readable until they age out.

Nothing here holds an IP address or a user agent: the device class is derived from the user
agent when the request arrives and the user agent is dropped there (see ``devices.py``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .speed import BUCKETS, METRICS


class Device(models.TextChoices):
    MOBILE = "m", _("Mobil")
    TABLET = "t", _("Surfplatta")
    DESKTOP = "d", _("Dator")


class Viewport(models.TextChoices):
    SMALL = "s", _("Smal (under 600 px)")
    MEDIUM = "m", _("Mellan (600–1023 px)")
    LARGE = "l", _("Bred (1024 px och mer)")


class HourlyPageViews(models.Model):
    """Page views counted by the server, without consent and without any identifier:
    one row per hour, page, referring site and device class. Raw data: kept 30 days."""

    hour = models.BigIntegerField(help_text="Unix time of the hour's start (UTC)")
    page_id = models.PositiveIntegerField()
    referrer_host = models.CharField(max_length=253, blank=True, default="")
    device = models.CharField(max_length=1, choices=Device.choices)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["hour", "page_id", "referrer_host", "device"],
                name="analytics_hourly_unique",
            )
        ]
        default_permissions = ()

    def __str__(self):
        return f"page {self.page_id} hour {self.hour}: {self.views}"


class BeaconEvent(models.Model):
    """One page view reported by stats.js after the visitor accepted statistics: the random
    visitor id from the ``kw_vid`` cookie, the page and its measured speed. Raw data: kept
    30 days, then only the daily aggregates below remain."""

    ts = models.BigIntegerField(db_index=True, help_text="Unix time the beacon arrived")
    page_id = models.PositiveIntegerField()
    visitor = models.CharField(max_length=22)
    device = models.CharField(max_length=1, choices=Device.choices)
    viewport = models.CharField(max_length=1, choices=Viewport.choices, blank=True)
    ttfb = models.PositiveIntegerField(null=True, help_text="ms")
    fcp = models.PositiveIntegerField(null=True, help_text="ms")
    lcp = models.PositiveIntegerField(null=True, help_text="ms")
    inp = models.PositiveIntegerField(null=True, help_text="ms")
    cls = models.FloatField(null=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"beacon for page {self.page_id} at {self.ts}"


class DailySiteStats(models.Model):
    """The whole site per day: what the dashboard's chart reads."""

    day = models.DateField(unique=True)
    views = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)
    sessions = models.PositiveIntegerField(default=0)
    beacons = models.PositiveIntegerField(default=0)
    rolled_up_at = models.DateTimeField()

    class Meta:
        default_permissions = ()
        # The one permission that opens the statistics in the admin.
        permissions = [("view_statistics", _("Kan se besöksstatistik"))]

    def __str__(self):
        return f"{self.day}: {self.views} views"


class DailyPageStats(models.Model):
    day = models.DateField()
    page_id = models.PositiveIntegerField()
    views = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "page_id"], name="analytics_daily_page_unique")
        ]
        indexes = [models.Index(fields=["page_id", "day"], name="analytics_daily_page_idx")]
        default_permissions = ()

    def __str__(self):
        return f"{self.day} page {self.page_id}: {self.views} views"


class Dimension(models.TextChoices):
    REFERRER = "referrer", _("Hänvisande webbplats")
    DEVICE = "device", _("Enhet")
    VIEWPORT = "viewport", _("Skärmbredd")


class DailyBreakdown(models.Model):
    """Daily counts per referring site, device class or viewport class."""

    day = models.DateField()
    dimension = models.CharField(max_length=16, choices=Dimension.choices)
    value = models.CharField(max_length=253)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "dimension", "value"], name="analytics_daily_breakdown_unique"
            )
        ]
        default_permissions = ()

    def __str__(self):
        return f"{self.day} {self.dimension} {self.value}: {self.count}"


class DailySpeed(models.Model):
    """A histogram of one speed metric for one page and day.

    Percentiles cannot be added up, histograms can: the dashboard sums the buckets of any
    date range in one query and reads p75 off the result. Bucket edges (``speed.py``)
    include the Core Web Vitals thresholds, so good / needs improvement / poor shares are
    exact; p75 is interpolated inside its bucket."""

    day = models.DateField()
    page_id = models.PositiveIntegerField()
    metric = models.CharField(max_length=4, choices=[(m.key, m.key) for m in METRICS])
    samples = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page_id", "metric"], name="analytics_daily_speed_unique"
            )
        ]
        default_permissions = ()

    def __str__(self):
        return f"{self.day} page {self.page_id} {self.metric}: {self.samples} samples"


class MonthlyPageStats(models.Model):
    """``DailyPageStats`` summed per calendar month, so a year is 12 rows per page."""

    month = models.DateField(help_text="the first day of the month")
    page_id = models.PositiveIntegerField()
    views = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "page_id"], name="analytics_monthly_page_unique"
            )
        ]
        default_permissions = ()

    def __str__(self):
        return f"{self.month:%Y-%m} page {self.page_id}: {self.views} views"


class MonthlySpeed(models.Model):
    """``DailySpeed`` summed per calendar month: the dashboard reads whole months here and
    only the days at the edges of a date range from the daily table."""

    month = models.DateField(help_text="the first day of the month")
    page_id = models.PositiveIntegerField()
    metric = models.CharField(max_length=4, choices=[(m.key, m.key) for m in METRICS])
    samples = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "page_id", "metric"], name="analytics_monthly_speed_unique"
            )
        ]
        default_permissions = ()

    def __str__(self):
        return f"{self.month:%Y-%m} page {self.page_id} {self.metric}: {self.samples} samples"


BUCKET_FIELDS = [f"b{i:02d}" for i in range(BUCKETS)]
for _name in BUCKET_FIELDS:
    DailySpeed.add_to_class(_name, models.PositiveIntegerField(default=0))
    MonthlySpeed.add_to_class(_name, models.PositiveIntegerField(default=0))
