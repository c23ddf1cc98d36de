"""A visitor's consent decisions in the rights tools: found by the consent id the settings
page shows them, exported and erased like any other personal data (contract C4b)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kommunwebb.consent import rights
from kommunwebb.consent.models import ConsentRecord
from kommunwebb.gdpr import rights as tools

pytestmark = pytest.mark.django_db

MINE, OTHER = "M" * 21 + "1", "O" * 21 + "2"


@pytest.fixture
def decisions():
    now = timezone.now()
    return [
        ConsentRecord.objects.create(
            consent_id=consent_id,
            policy_version=1,
            choices={"necessary": True, "statistics": statistics},
            decided_at=now - timedelta(days=days),
        )
        for consent_id, statistics, days in [(MINE, True, 40), (MINE, False, 2), (OTHER, True, 1)]
    ]


def test_found_by_the_consent_id_oldest_first(decisions):
    found = rights.find(f"  {MINE} ")
    assert [item["statistics"] for item in found] == ["ja", "nej"]
    assert {item["consent_id"] for item in found} == {MINE}
    assert all(item["kind"] == "consent.records" and item["created_at"] for item in found)


@pytest.mark.parametrize("query", ["anna@example.se", "070-123 45 67", MINE[:-1], MINE + "x", ""])
def test_anything_but_a_consent_id_finds_nothing(decisions, query):
    assert rights.find(query) == []


def test_the_rights_tools_find_export_and_erase_them(decisions):
    results = tools.find_all(MINE)
    assert tools.counts(results)["consent.records"] == 2
    assert MINE in tools.export_csv(results)
    erased = tools.erase_all(results)
    assert erased["consent.records"] == 2
    assert list(ConsentRecord.objects.values_list("consent_id", flat=True)) == [OTHER]
