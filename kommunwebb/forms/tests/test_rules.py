"""The rules that need no database: month arithmetic, reference numbers, spam checks."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.forms import spam
from kommunwebb.forms.privacy import months_before, retention_text
from kommunwebb.forms.reference import ALPHABET, new_reference, normalise_reference

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


class TestMonthsBefore:
    def test_same_day_and_time_six_months_earlier(self):
        assert months_before(local(2026, 9, 15, 10, 30), 6) == local(2026, 3, 15, 10, 30)

    def test_day_is_clamped_to_the_shorter_month(self):
        assert months_before(local(2026, 8, 31, 12), 6) == local(2026, 2, 28, 12)
        assert months_before(local(2028, 8, 31, 12), 6) == local(2028, 2, 29, 12)

    def test_across_a_year_and_daylight_saving_keeps_the_wall_clock(self):
        # 1 April is summer time (UTC+2); 1 November is winter time (UTC+1).
        result = months_before(local(2026, 4, 1, 9), 5)
        assert result == local(2025, 11, 1, 9)
        assert result.utcoffset().total_seconds() == 3600

    @given(
        st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2090, 12, 31)),
        st.integers(min_value=0, max_value=120),
    )
    def test_never_later_than_the_moment(self, moment, months):
        aware = moment.replace(tzinfo=STOCKHOLM)
        assert months_before(aware, months) <= aware

    def test_negative_months_are_refused(self):
        with pytest.raises(ValueError):
            months_before(local(2026, 1, 1), -1)


def test_retention_text_in_swedish():
    assert retention_text(1) == "1 månad"
    assert retention_text(6) == "6 månader"
    assert retention_text(24) == "2 år"


class TestReference:
    def test_format(self):
        reference = new_reference(2026)
        prefix, year, code = reference.split("-")
        assert (prefix, year) == ("KW", "2026")
        assert len(code) == 5 and set(code) <= set(ALPHABET)

    def test_no_letters_that_read_as_digits(self):
        assert not set("ILOU") & set(ALPHABET)

    @pytest.mark.parametrize(
        "typed",
        ["KW-2026-4F7Q9", "kw-2026-4f7q9", "KW 2026 4F7Q9", "kw20264f7q9", " KW–2026–4F7Q9 "],
    )
    def test_normalises_what_people_type(self, typed):
        assert normalise_reference(typed) == "KW-2026-4F7Q9"

    def test_lookalike_letters_become_digits(self):
        assert normalise_reference("KW-2026-4F7QO") == "KW-2026-4F7Q0"

    @pytest.mark.parametrize("text", ["", "KW-2026", "anna@example.se", "070-123 45 67"])
    def test_other_text_is_not_a_reference(self, text):
        assert normalise_reference(text) is None


class TestFormToken:
    def test_a_form_filled_in_normally_passes(self):
        token = spam.new_form_token(now=1000)
        check = spam.check_form_token(token, now=1030)
        assert check.ok and check.nonce

    def test_too_fast_is_refused(self):
        token = spam.new_form_token(now=1000)
        assert spam.check_form_token(token, now=1001).problem == "too_fast"

    @override_settings(CITYFORMS_TOKEN_MAX_AGE=3600)
    def test_too_old_is_refused(self):
        token = spam.new_form_token(now=1000)
        assert spam.check_form_token(token, now=1000 + 3601).problem == "expired"

    def test_tampered_or_missing(self):
        token = spam.new_form_token(now=1000)
        assert spam.check_form_token(token[:-2] + "xx", now=1030).problem == "invalid"
        assert spam.check_form_token("", now=1030).problem == "missing"

    def test_each_form_shown_has_its_own_nonce(self):
        first = spam.check_form_token(spam.new_form_token(now=1000), now=1030)
        second = spam.check_form_token(spam.new_form_token(now=1000), now=1030)
        assert first.nonce != second.nonce


class TestRateLimitKey:
    ADDRESS = "203.0.113.78"

    def test_key_holds_no_address_and_changes_with_the_window(self):
        key = spam.transient_key(self.ADDRESS, now=10_000)
        assert self.ADDRESS not in key
        assert key == spam.transient_key(self.ADDRESS, now=10_001)
        assert key != spam.transient_key(self.ADDRESS, now=10_000 + 600)
        assert key != spam.transient_key("203.0.113.79", now=10_000)

    def test_behind_varnish_each_visitor_is_its_keyed_hash(self, settings):
        settings.KOMMUNWEBB_TRUSTED_PROXIES = ["127.0.0.1"]
        one = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_KW_CLIENT="ab" * 32)
        two = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_KW_CLIENT="cd" * 32)
        assert spam.client_id(one) != spam.client_id(two)
        # X-Forwarded-For is nobody's word: Varnish removes it.
        forwarded = RequestFactory().post(
            "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
        assert spam.client_id(forwarded) == "a:127.0.0.1"

    def test_the_client_header_from_an_untrusted_client_is_ignored(self, settings):
        settings.KOMMUNWEBB_TRUSTED_PROXIES = ["127.0.0.1"]
        request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.9", HTTP_X_KW_CLIENT="ab" * 32)
        assert spam.client_id(request) == "a:198.51.100.9"
