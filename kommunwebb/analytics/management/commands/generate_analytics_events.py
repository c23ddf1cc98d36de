"""Synthetic statistics for demos and benchmarks: page views and beacons spread over the
last days with a daily rhythm, a crisis spike and a few slow pages, written in bulk."""

import random
import secrets
import time
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connections, router, transaction
from django.utils import timezone

from kommunwebb.analytics import pages, rollup
from kommunwebb.analytics.models import BeaconEvent, HourlyPageViews

REFERRERS = [
    ("", 0.62),
    ("google.com", 0.2),
    ("facebook.com", 0.05),
    ("bing.com", 0.03),
    ("krisinformation.se", 0.03),
    ("duckduckgo.com", 0.02),
    ("sv.wikipedia.org", 0.02),
    ("com.google.android.gm", 0.02),
    ("instagram.com", 0.01),
]
DEVICES = [("m", 0.56), ("d", 0.37), ("t", 0.07)]
VIEWPORT_FOR = {"m": "s", "t": "m", "d": "l"}
# Share of the day's traffic per hour of the day (night low, lunch and evening high).
HOUR_SHAPE = [
    0.2, 0.12, 0.08, 0.07, 0.1, 0.3, 0.7, 1.1, 1.3, 1.3, 1.3, 1.35,
    1.4, 1.3, 1.25, 1.2, 1.2, 1.25, 1.35, 1.45, 1.4, 1.1, 0.7, 0.4,
]  # fmt: skip
CHUNK = 20_000


class Command(BaseCommand):
    help = (
        "Write COUNT synthetic page views (and beacons for the consenting share) over the "
        "last DAYS days, roll them up, and purge raw events past their retention as the "
        "daily job would. For demos and `bench/analytics.py` on a fresh database; never on "
        "a real site (days it touches are rolled up again from their raw data)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--consent-share", type=float, default=0.4)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--keep-raw", action="store_true", help="do not purge raw events past retention"
        )

    def handle(self, *args, **options):
        count, days, share = options["count"], options["days"], options["consent_share"]
        if count < 1 or not 1 <= days <= 800 or not 0 <= share <= 1:
            raise CommandError("Need --count ≥ 1, --days 1–800 and --consent-share 0–1.")
        site = pages.default_site()
        if site is None:
            raise CommandError("No default site: run `manage.py load_demo_data` first.")
        from wagtail.models import Page

        page_ids = list(
            Page.objects.live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .values_list("pk", flat=True)
            .order_by("path")
        )
        rng = random.Random(options["seed"])
        started = time.monotonic()
        hourly, beacons = self.generate(rng, page_ids, count, days, share)
        generated = time.monotonic()
        # Every day now has new raw data, final or not: roll them all up again.
        first, last = rollup.raw_days()
        days_rolled = rollup.rollup(
            days=[first + timedelta(days=n) for n in range((last - first).days + 1)]
        )
        rolled = time.monotonic()
        purged = 0
        if not options["keep_raw"]:
            cutoff = timezone.now() - rollup.raw_retention()
            purged = sum(rollup.purge_raw(cutoff, batch_size=50_000))
        self.stdout.write(
            f"Wrote {count} page views ({hourly} hourly rows) and {beacons} beacons over "
            f"{days} days for {len(page_ids)} pages in {generated - started:.1f} s; rolled up "
            f"{len(days_rolled)} days in {rolled - generated:.1f} s; purged {purged} raw rows "
            f"past retention in {time.monotonic() - rolled:.1f} s."
        )

    def generate(self, rng, page_ids, count, days, share):
        n_pages = len(page_ids)
        # Popularity falls off with rank; a few pages are slow (big images, heavy embeds).
        weights = [1 / (rank + 1) ** 0.9 for rank in range(n_pages)]
        rng.shuffle(weights)
        total_weight = sum(weights)
        weights = [w / total_weight for w in weights]
        slow = {page_id: rng.random() < 0.2 for page_id in page_ids}

        now = timezone.now()
        now_ts = int(now.timestamp())
        first_hour = (int(now.timestamp()) // 3600 - days * 24 + 1) * 3600
        hours = [first_hour + 3600 * i for i in range(days * 24)]
        crisis_day = rng.randrange(days)
        shape = []
        for index, hour in enumerate(hours):
            local = datetime.fromtimestamp(hour, rollup.tz())
            factor = HOUR_SHAPE[local.hour] * (0.75 if local.weekday() >= 5 else 1.0)
            if index // 24 == crisis_day:
                factor *= 8
            shape.append(factor * rng.uniform(0.85, 1.15))
        scale = count / sum(shape)

        # Drawing five log-normal values per beacon is the slow part: draw from pools.
        speed_samples = {
            (device, is_slow): [_speed(rng, device, is_slow) for _ in range(4000)]
            for device, _weight in DEVICES
            for is_slow in (False, True)
        }
        visitors = [secrets.token_urlsafe(16)[:22] for _ in range(max(1, int(count * share / 5)))]
        using = router.db_for_write(HourlyPageViews)
        connection = connections[using]
        table = HourlyPageViews._meta.db_table
        beacon_table = BeaconEvent._meta.db_table
        insert_hourly = (
            f"INSERT INTO {table} (hour, page_id, referrer_host, device, views) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (hour, page_id, referrer_host, device) "
            f"DO UPDATE SET views = {table}.views + excluded.views"
        )
        insert_beacon = (
            f"INSERT INTO {beacon_table} (ts, page_id, visitor, device, viewport, ttfb, fcp, "  # noqa: S608
            "lcp, inp, cls) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        )
        combo_keys = [(host, device) for host, _rw in REFERRERS for device, _dw in DEVICES]
        combo_weights = [rw * dw for _host, rw in REFERRERS for _device, dw in DEVICES]
        written = hourly_rows = beacon_rows = 0
        hourly_batch, beacon_batch = [], []
        # Whole views per hour by rounding the running total: they add up to ``count``.
        expected = 0.0
        allotted = 0
        with transaction.atomic(using=using), connection.cursor() as cursor:
            for hour, factor in zip(hours, shape, strict=True):
                expected += factor * scale
                views_this_hour = round(expected) - allotted
                allotted += views_this_hour
                if views_this_hour <= 0:
                    continue
                per_page = _split(rng, views_this_hour, page_ids, weights)
                for page_id, views in per_page.items():
                    for (host, device), n in _split(rng, views, combo_keys, combo_weights).items():
                        hourly_batch.append((hour, page_id, host, device, n))
                        samples = speed_samples[(device, slow[page_id])]
                        for _ in range(_consenting(rng, n, share)):
                            beacon_batch.append(
                                (
                                    min(hour + rng.randrange(3600), now_ts),
                                    page_id,
                                    rng.choice(visitors),
                                    device,
                                    VIEWPORT_FOR[device],
                                    *rng.choice(samples),
                                )
                            )
                    written += views
                if len(hourly_batch) >= CHUNK:
                    cursor.executemany(insert_hourly, hourly_batch)
                    hourly_rows += len(hourly_batch)
                    hourly_batch = []
                if len(beacon_batch) >= CHUNK:
                    cursor.executemany(insert_beacon, beacon_batch)
                    beacon_rows += len(beacon_batch)
                    beacon_batch = []
            if hourly_batch:
                cursor.executemany(insert_hourly, hourly_batch)
                hourly_rows += len(hourly_batch)
            if beacon_batch:
                cursor.executemany(insert_beacon, beacon_batch)
                beacon_rows += len(beacon_batch)
        return hourly_rows, beacon_rows


def _split(rng, total, keys, weights):
    """Split ``total`` over ``keys`` in proportion to ``weights`` with some noise; the parts
    add up to ``total`` exactly. Small totals are drawn one by one."""
    result: dict = {}
    if total <= 2 * len(keys):
        for key in rng.choices(keys, weights=weights, k=total):
            result[key] = result.get(key, 0) + 1
        return result
    weight_sum = sum(weights)
    noisy = [w / weight_sum * rng.uniform(0.8, 1.2) for w in weights]
    noisy_sum = sum(noisy)
    assigned = 0
    for key, weight in zip(keys, noisy, strict=True):
        part = int(total * weight / noisy_sum)
        if part:
            result[key] = part
            assigned += part
    for key in rng.choices(keys, weights=weights, k=total - assigned):
        result[key] = result.get(key, 0) + 1
    return result


def _consenting(rng, views, share):
    if views < 30:
        return sum(1 for _ in range(views) if rng.random() < share)
    return round(views * share * rng.uniform(0.9, 1.1))


def _speed(rng, device, slow):
    """TTFB, FCP, LCP, INP and CLS as a browser might measure them."""
    mobile = device == "m"
    lcp = rng.lognormvariate(7.45 + (0.35 if mobile else 0) + (0.6 if slow else 0), 0.5)
    ttfb = rng.lognormvariate(5.4 + (0.5 if slow else 0), 0.6)
    fcp = min(lcp, rng.lognormvariate(7.0 + (0.3 if mobile else 0), 0.45))
    inp = rng.lognormvariate(4.8 + (0.5 if mobile else 0), 0.7) if rng.random() < 0.6 else None
    cls = 0.0 if rng.random() < 0.55 else rng.lognormvariate(-3.2 + (0.8 if slow else 0), 1.0)
    return (
        min(int(ttfb), 120_000),
        min(int(fcp), 120_000),
        min(int(lcp), 120_000),
        None if inp is None else min(int(inp), 60_000),
        min(round(cls, 4), 10.0),
    )
