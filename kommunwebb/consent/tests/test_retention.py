"""Proof of consent is kept 13 months after the decision, then purged by the retention
engine (contract C4)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kommunwebb.consent.models import ConsentRecord
from kommunwebb.retention.registry import get_kind

pytestmark = pytest.mark.django_db


def record(age_days):
    return ConsentRecord.objects.create(
        consent_id="c" * 22,
        policy_version=1,
        choices={"necessary": True, "statistics": True},
        decided_at=timezone.now() - timedelta(days=age_days),
    )


def test_consent_records_are_registered_for_13_months():
    kind = get_kind("consent.records")
    assert timedelta(days=390) <= kind.period <= timedelta(days=400)
    assert "12 månader" in str(kind.describe)


def test_purge_deletes_only_records_older_than_the_period():
    kind = get_kind("consent.records")
    keep = record(364)
    also_keep = record(395)
    old = record(400)
    cutoff = timezone.now() - kind.period
    assert kind.count_function(cutoff) == 1
    result = kind.purge_function(cutoff, 1000)
    deleted = result if isinstance(result, int) else sum(result)
    assert deleted == 1
    assert set(ConsentRecord.objects.values_list("pk", flat=True)) == {keep.pk, also_keep.pk}
    assert not ConsentRecord.objects.filter(pk=old.pk).exists()
