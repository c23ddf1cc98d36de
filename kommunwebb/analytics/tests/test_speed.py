"""Percentiles and Core Web Vitals ratings read off histograms, without a database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.analytics import speed
from kommunwebb.analytics.speed import BUCKETS, CLS, INP, LCP, METRICS, TTFB


@pytest.mark.parametrize(
    ("metric", "good", "poor"),
    [(LCP, 2500, 4000), (INP, 200, 500), (CLS, 0.1, 0.25), (TTFB, 800, 1800)],
)
def test_thresholds_are_the_core_web_vitals_ones(metric, good, poor):
    assert (metric.good, metric.poor) == (good, poor)
    assert metric.rating(good) == speed.GOOD
    assert metric.rating(poor) == speed.NEEDS_IMPROVEMENT
    assert metric.rating(poor * 1.001) == speed.POOR


def test_values_on_a_threshold_fall_in_the_good_bucket():
    counts = speed.histogram(LCP, [2500, 2500, 4000, 4001])
    assert speed.shares(LCP, counts) == {
        speed.GOOD: 0.5,
        speed.NEEDS_IMPROVEMENT: 0.25,
        speed.POOR: 0.25,
    }


def test_percentile_of_nothing_is_none():
    assert speed.percentile(LCP, [0] * BUCKETS) is None


def test_p75_interpolates_inside_its_bucket():
    # 100 samples spread evenly over 0–1000 ms: p75 close to 750.
    counts = speed.histogram(LCP, range(0, 1000, 10))
    assert speed.percentile(LCP, counts) == pytest.approx(750, abs=20)


def test_top_bucket_answers_with_its_lower_bound():
    counts = speed.histogram(LCP, [100_000] * 4)
    assert speed.percentile(LCP, counts) == LCP.uppers[-1]


@given(
    st.sampled_from(METRICS),
    st.lists(st.floats(min_value=0, max_value=120_000, allow_nan=False), min_size=1),
)
def test_p75_lies_in_the_bucket_of_the_true_p75(metric, values):
    values = [min(v, metric.maximum) for v in values]
    counts = speed.histogram(metric, values)
    estimate = speed.percentile(metric, counts)
    ordered = sorted(values)
    # The sample at rank ceil(0.75 n) is in the bucket the estimate comes from.
    import math

    true = ordered[max(math.ceil(0.75 * len(ordered)) - 1, 0)]
    index = metric.bucket(true)
    assert metric.lower(index) <= estimate
    if index < BUCKETS - 1:
        assert estimate <= metric.uppers[index]
    assert sum(speed.shares(metric, counts).values()) == pytest.approx(1)
