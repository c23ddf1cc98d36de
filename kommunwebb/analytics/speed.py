"""Core Web Vitals arithmetic without a database: metrics, their valid ranges, their
thresholds, histogram buckets and percentiles read off a histogram."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

BUCKETS = 24

GOOD = "good"
NEEDS_IMPROVEMENT = "needs_improvement"
POOR = "poor"
RATING_LABELS = {
    GOOD: _("Bra"),
    NEEDS_IMPROVEMENT: _("Behöver förbättras"),
    POOR: _("Dålig"),
}


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # "ms" or "" (CLS has no unit)
    maximum: float  # a beacon reporting more than this is rejected
    good: float  # values up to and including this are good
    poor: float  # values above this are poor
    # 23 upper bucket bounds (inclusive); bucket 24 holds everything above the last one.
    # The thresholds are among them, so the shares per rating are exact.
    uppers: tuple[float, ...]

    def bucket(self, value: float) -> int:
        return bisect_left(self.uppers, value)

    def rating(self, value: float) -> str:
        if value <= self.good:
            return GOOD
        if value <= self.poor:
            return NEEDS_IMPROVEMENT
        return POOR

    def lower(self, index: int) -> float:
        return 0.0 if index == 0 else self.uppers[index - 1]


LCP = Metric(
    "lcp",
    "LCP",
    "ms",
    120_000,
    2500,
    4000,
    (250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250, 2500, 2750, 3000, 3250, 3500, 4000,
     5000, 6000, 8000, 10_000, 15_000, 20_000, 30_000, 60_000),
)  # fmt: skip
INP = Metric(
    "inp",
    "INP",
    "ms",
    60_000,
    200,
    500,
    (25, 50, 75, 100, 125, 150, 175, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 1000,
     1500, 2000, 3000, 5000, 10_000),
)  # fmt: skip
CLS = Metric(
    "cls",
    "CLS",
    "",
    10,
    0.1,
    0.25,
    (0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3, 0.35,
     0.4, 0.5, 0.6, 0.8, 1, 1.5, 2.5, 5),
)  # fmt: skip
TTFB = Metric(
    "ttfb",
    "TTFB",
    "ms",
    120_000,
    800,
    1800,
    (100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1200, 1400, 1600, 1800, 2000, 2500,
     3000, 4000, 5000, 7500, 10_000, 20_000, 60_000),
)  # fmt: skip
FCP = Metric(
    "fcp",
    "FCP",
    "ms",
    120_000,
    1800,
    3000,
    (200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2200, 2400, 2600, 2800, 3000,
     3500, 4000, 5000, 6000, 8000, 10_000, 20_000, 60_000),
)  # fmt: skip

METRICS: tuple[Metric, ...] = (LCP, INP, CLS, TTFB, FCP)
BY_KEY = {metric.key: metric for metric in METRICS}
# The four the dashboard leads with; FCP is collected and shown per page as well.
CORE = (LCP, INP, CLS, TTFB)

for _metric in METRICS:
    assert len(_metric.uppers) == BUCKETS - 1, _metric.key
    assert _metric.good in _metric.uppers and _metric.poor in _metric.uppers, _metric.key


def histogram(metric: Metric, values) -> list[int]:
    counts = [0] * BUCKETS
    for value in values:
        counts[metric.bucket(value)] += 1
    return counts


def percentile(metric: Metric, counts: Sequence[int], fraction: float = 0.75) -> float | None:
    """The value below which ``fraction`` of the samples lie, interpolated linearly inside
    its bucket; the open top bucket answers with its lower bound. None without samples."""
    total = sum(counts)
    if total == 0:
        return None
    rank = fraction * total
    seen = 0
    for index, count in enumerate(counts):
        if count and seen + count >= rank:
            lower = metric.lower(index)
            if index == BUCKETS - 1:
                return lower
            upper = metric.uppers[index]
            return lower + (upper - lower) * (rank - seen) / count
        seen += count
    return metric.lower(BUCKETS - 1)  # pragma: no cover - unreachable with total > 0


def shares(metric: Metric, counts: Sequence[int]) -> dict[str, float]:
    """The fraction of samples rated good, needs improvement and poor."""
    total = sum(counts)
    if total == 0:
        return {GOOD: 0.0, NEEDS_IMPROVEMENT: 0.0, POOR: 0.0}
    good_end = metric.uppers.index(metric.good) + 1
    poor_start = metric.uppers.index(metric.poor) + 1
    good = sum(counts[:good_end])
    needs = sum(counts[good_end:poor_start])
    return {
        GOOD: good / total,
        NEEDS_IMPROVEMENT: needs / total,
        POOR: (total - good - needs) / total,
    }
