"""The cookie registry and the guard that keeps the site to it."""

import pytest
from django.http import HttpResponse

from kommunwebb.consent import registry
from kommunwebb.consent.testing import unregistered_cookies


def test_registry_lists_the_cookies_the_site_sets():
    names = registry.names()
    assert {"kw_consent", "kw_vid", "csrftoken", "sessionid", "messages"} <= names
    assert "wagtail_sidebar_collapsed" in names
    assert registry.statistics_cookie_names() == ["kw_vid"]


@pytest.mark.parametrize("cookie", registry.cookies(), ids=lambda c: str(c.name))
def test_every_cookie_is_described_for_visitors(cookie):
    assert cookie.category in registry.CATEGORIES
    assert cookie.party in registry.PARTIES
    assert len(str(cookie.purpose)) > 20
    assert str(cookie.lifetime)


def test_guard_names_unregistered_cookies_but_not_deletions():
    response = HttpResponse()
    response.set_cookie("kw_consent", "n.1.x")
    response.set_cookie("tracker", "1")
    response.delete_cookie("old_tracker")
    assert unregistered_cookies(response) == ["tracker"]


def test_registered_lifetimes_match_the_code_that_sets_the_cookies():
    from django.apps import apps

    from kommunwebb.consent import state

    assert state.COOKIE_MAX_AGE.days == 365
    if apps.is_installed("kommunwebb.analytics"):
        from kommunwebb.analytics import visitor

        assert visitor.COOKIE_NAME == "kw_vid"
        # The promise on "Om webbkakor": at most 13 months.
        assert visitor.COOKIE_MAX_AGE.days <= 396
