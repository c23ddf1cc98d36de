"""Form data under the retention engine (C4) and the rights tools (C4b)."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from kommunwebb.forms import intake
from kommunwebb.forms.models import Delivery, FormSubmission
from kommunwebb.forms.privacy import months_before
from kommunwebb.gdpr import sources as rights_sources
from kommunwebb.retention import registry

from .conftest import VALID, build_form_page, publish_under

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)


def submit_at(page, when, **changes):
    with time_machine.travel(when, tick=False):
        submission, _ = intake.save_submission(page, {**VALID, **changes})
    return submission


def purge(kind):
    call_command("purge_expired", "--kind", kind, stdout=StringIO())


def test_every_kind_of_form_data_is_registered():
    kinds = {kind.kind for kind in registry.kinds()}
    assert {"cityforms.submissions", "cityforms.deliveries"} <= kinds
    sources = {source.kind for source in rights_sources.sources()}
    assert {"cityforms.submissions", "cityforms.deliveries"} <= sources
    assert registry.get_kind("cityforms.submissions").period == timedelta(days=183)


@pytest.mark.parametrize(
    ("offset", "kept"),
    [(timedelta(seconds=-1), True), (timedelta(0), True), (timedelta(seconds=1), False)],
    ids=["one second before the limit", "at the limit", "one second after"],
)
def test_submissions_are_purged_exactly_at_their_forms_period(home, offset, kept):
    six = publish_under(home, build_form_page())
    twelve = publish_under(home, build_form_page(slug="felanmalan", retention_months=12))
    # Submitted so that, at NOW, they are `offset` past their form's limit.
    on_six = submit_at(six, months_before(NOW, 6) - offset)
    on_twelve = submit_at(twelve, months_before(NOW, 12) - offset)
    still_young = submit_at(twelve, months_before(NOW, 6) - timedelta(days=1))
    with time_machine.travel(NOW, tick=False):
        purge("cityforms.submissions")
    remaining = set(FormSubmission.objects.values_list("pk", flat=True))
    assert (on_six.pk in remaining) is kept
    assert (on_twelve.pk in remaining) is kept
    assert still_young.pk in remaining


def test_purging_a_submission_keeps_its_delivery_record_until_that_expires(form_page):
    old = submit_at(form_page, months_before(NOW, 6) - timedelta(seconds=1))
    with time_machine.travel(NOW, tick=False):
        purge("cityforms.submissions")
    (record,) = Delivery.objects.all()
    assert record.submission is None and record.reference == old.reference
    with time_machine.travel(old.submit_time + timedelta(days=183, seconds=1), tick=False):
        purge("cityforms.deliveries")
    assert not Delivery.objects.exists()


def test_delivery_records_are_purged_at_the_boundary(form_page):
    submission = submit_at(form_page, NOW)
    created = submission.deliveries.get().created_at
    with time_machine.travel(created + timedelta(days=183) - timedelta(seconds=1), tick=False):
        purge("cityforms.deliveries")
    assert Delivery.objects.exists()
    with time_machine.travel(created + timedelta(days=183, seconds=1), tick=False):
        purge("cityforms.deliveries")
    assert not Delivery.objects.exists()


# --- Rights tools ----------------------------------------------------------------------


@pytest.fixture
def two_people(form_page):
    anna = submit_at(form_page, NOW)
    bo = submit_at(form_page, NOW, namn="Bo", e_post="bo@example.se", telefon="+46 70 765 43 21")
    return anna, bo


@pytest.mark.parametrize(
    "query", ["anna@example.se", "ANNA@example.se", "0701234567", "+46 70-123 45 67"]
)
def test_found_by_email_or_phone_in_any_spelling(two_people, query):
    anna, _bo = two_people
    source = rights_sources.get_source("cityforms.submissions")
    (item,) = source.find(query)
    assert item["kind"] == "cityforms.submissions"
    assert item["id"] == anna.pk and item["reference"] == anna.reference
    assert item["fält: Meddelande"] == VALID["meddelande"]
    assert item["created_at"]


def test_found_by_reference_number_with_delivery_records(two_people):
    _anna, bo = two_people
    typed = bo.reference.lower().replace("-", " ")
    (submission,) = rights_sources.get_source("cityforms.submissions").find(typed)
    (record,) = rights_sources.get_source("cityforms.deliveries").find(typed)
    assert submission["id"] == bo.pk
    assert record["reference"] == bo.reference and record["channel"] == "email"


def test_nothing_found_for_strangers_or_nonsense(two_people):
    for query in ("carl@example.se", "08-123 456 78", "KW-2026-00000", "", "<script>"):
        assert rights_sources.get_source("cityforms.submissions").find(query) == []
        assert rights_sources.get_source("cityforms.deliveries").find(query) == []


def test_erase_removes_one_persons_submissions_and_delivery_records(two_people):
    anna, bo = two_people
    found = {
        source.kind: source.find("anna@example.se")
        for source in rights_sources.sources()
        if source.kind.startswith("cityforms.")
    }
    assert (
        rights_sources.get_source("cityforms.deliveries").erase(found["cityforms.deliveries"]) == 1
    )
    assert (
        rights_sources.get_source("cityforms.submissions").erase(found["cityforms.submissions"])
        == 1
    )
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [bo.pk]
    assert list(Delivery.objects.values_list("reference", flat=True)) == [bo.reference]
    assert rights_sources.get_source("cityforms.submissions").find(anna.reference) == []
