"""The consent rules of contract C1, without a database."""

import pytest
from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.consent import state

ID = "A" * 21 + "_"


@pytest.mark.parametrize(
    ("cookie", "headers", "expected"),
    [
        (None, {}, "unset"),
        (f"s.1.{ID}", {}, "statistics"),
        (f"n.1.{ID}", {}, "necessary"),
        # A choice under an older (or newer) policy no longer counts: ask again.
        (f"s.0.{ID}", {}, "unset"),
        (f"n.2.{ID}", {}, "unset"),
        # GPC and DNT count as declining, but only until the visitor chooses.
        (None, {"Sec-GPC": "1"}, "necessary"),
        (None, {"DNT": "1"}, "necessary"),
        (None, {"DNT": "0"}, "unset"),
        (f"s.1.{ID}", {"Sec-GPC": "1"}, "statistics"),
        (f"s.0.{ID}", {"Sec-GPC": "1"}, "necessary"),
        # Malformed values are no choice at all.
        ("s.1.short", {}, "unset"),
        (f"x.1.{ID}", {}, "unset"),
        (f"s.1.{ID}x", {}, "unset"),
        (f"s.one.{ID}", {}, "unset"),
        ("", {}, "unset"),
    ],
)
def test_state_from_cookie_and_headers(cookie, headers, expected):
    assert state.state_from(cookie, headers, version=1) == expected


def test_consent_state_reads_the_request_and_the_current_version():
    factory = RequestFactory()
    request = factory.get("/", HTTP_SEC_GPC="1")
    assert state.consent_state(request) == "necessary"
    request = factory.get("/")
    request.COOKIES[state.COOKIE_NAME] = f"s.1.{ID}"
    assert state.consent_state(request) == "statistics"
    with override_settings(CONSENT_POLICY_VERSION=2):
        request = factory.get("/")
        request.COOKIES[state.COOKIE_NAME] = f"s.1.{ID}"
        assert state.consent_state(request) == "unset"
        assert state.current_consent(request) is None


def test_new_consent_ids_are_22_url_safe_characters_and_differ():
    ids = {state.new_consent_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(state.is_consent_id(value) for value in ids)


def test_cookie_value_round_trips():
    consent = state.Consent(choice="s", policy_version=7, consent_id=state.new_consent_id())
    assert state.parse_cookie(consent.cookie_value()) == consent


@given(st.text(max_size=60))
def test_any_cookie_value_gives_one_of_three_states(value):
    assert state.state_from(value, {}, version=1) in state.STATES
