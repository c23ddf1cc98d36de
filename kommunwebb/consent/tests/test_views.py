"""``/samtycke/``: recording a choice, the checks around it, and the settings page."""

import pytest
from django.test import override_settings

from kommunwebb.consent import state
from kommunwebb.consent.models import ConsentRecord

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
URL = "/samtycke/"


def post(client, data, **headers):
    headers.setdefault("HTTP_ORIGIN", ORIGIN)
    return client.post(URL, data, **headers)


def consent_cookie(response):
    return response.cookies[state.COOKIE_NAME]


def test_accepting_records_the_choice_sets_the_cookie_and_redirects_back(client):
    response = post(client, {"choice": "statistics", "next": "/nyheter/"})
    assert response.status_code == 303
    assert response["Location"] == "/nyheter/"
    cookie = consent_cookie(response)
    consent = state.parse_cookie(cookie.value)
    assert consent.choice == "s" and consent.policy_version == 1
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["path"] == "/"
    assert cookie["samesite"] == "Lax"
    record = ConsentRecord.objects.get()
    assert record.consent_id == consent.consent_id
    assert record.policy_version == 1
    assert record.choices == {"necessary": True, "statistics": True}
    # Nothing but the four fields: no address, no user agent, no page.
    fields = {field.name for field in ConsentRecord._meta.get_fields()}
    assert fields == {"id", "consent_id", "policy_version", "choices", "decided_at"}
    assert "no-cache" in response["Cache-Control"]


def test_declining_deletes_statistics_cookies_set_earlier(client):
    client.cookies["kw_vid"] = "abc"
    response = post(client, {"choice": "necessary", "next": "/"})
    assert response.status_code == 303
    assert state.parse_cookie(consent_cookie(response).value).choice == "n"
    assert response.cookies["kw_vid"]["max-age"] == 0
    assert response.cookies["kw_vid"].value == ""
    assert ConsentRecord.objects.get().choices == {"necessary": True, "statistics": False}


def test_accepting_keeps_statistics_cookies(client):
    response = post(client, {"choice": "statistics"})
    assert "kw_vid" not in response.cookies


def test_withdrawing_is_a_later_decision_under_the_same_id(client):
    first = post(client, {"choice": "statistics"})
    consent_id = state.parse_cookie(consent_cookie(first).value).consent_id
    second = post(client, {"choice": "necessary"})
    assert state.parse_cookie(consent_cookie(second).value).consent_id == consent_id
    records = list(ConsentRecord.objects.order_by("decided_at", "id"))
    assert [r.statistics for r in records] == [True, False]
    assert {r.consent_id for r in records} == {consent_id}


def test_the_settings_form_saves_the_checkbox(client):
    response = post(client, {"choice": "save", "statistics": "on", "source": "settings"})
    assert response.status_code == 303
    assert response["Location"] == "/samtycke/?sparat=1&next=%2F"
    assert ConsentRecord.objects.get().statistics
    response = post(client, {"choice": "save", "source": "settings"})
    assert not ConsentRecord.objects.order_by("-id").first().statistics


def test_fetch_gets_json_instead_of_a_redirect(client):
    response = post(client, {"choice": "necessary"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {"state": "necessary"}
    assert state.COOKIE_NAME in response.cookies


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "", "\\\\evil.example"],
)
def test_next_must_be_on_this_site(client, next_url):
    response = post(client, {"choice": "necessary", "next": next_url})
    assert response.status_code == 303
    assert response["Location"] == "/"


def test_a_post_from_another_site_is_refused_in_swedish(client):
    response = post(client, {"choice": "statistics"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "inte skickades från den här webbplatsen" in response.content.decode()
    assert not ConsentRecord.objects.exists()
    assert state.COOKIE_NAME not in response.cookies


def test_origin_null_is_refused(client):
    assert post(client, {"choice": "statistics"}, HTTP_ORIGIN="null").status_code == 403


def test_referer_is_checked_when_there_is_no_origin(client):
    ok = client.post(URL, {"choice": "necessary"}, HTTP_REFERER=f"{ORIGIN}/nyheter/")
    assert ok.status_code == 303
    bad = client.post(URL, {"choice": "necessary"}, HTTP_REFERER="https://evil.example/")
    assert bad.status_code == 403
    neither = client.post(URL, {"choice": "necessary"})
    assert neither.status_code == 403
    assert ConsentRecord.objects.count() == 1


@override_settings(CSRF_TRUSTED_ORIGINS=["https://www.sundhamn.example"])
def test_trusted_origins_are_accepted(client):
    response = post(client, {"choice": "necessary"}, HTTP_ORIGIN="https://www.sundhamn.example")
    assert response.status_code == 303


@pytest.mark.parametrize(
    "data",
    [{}, {"choice": "ja"}, {"choice": "statistics" * 100}, {"choice": ["necessary", "x"]}],
)
def test_bad_choices_are_a_swedish_400_and_nothing_is_saved(client, data):
    response = post(client, data)
    assert response.status_code == 400
    assert "Vi förstod inte ditt val" in response.content.decode()
    assert not ConsentRecord.objects.exists()
    assert state.COOKIE_NAME not in response.cookies


def test_an_oversized_body_is_refused(client):
    response = post(client, {"choice": "necessary", "padding": "x" * 5000})
    assert response.status_code == 400
    assert not ConsentRecord.objects.exists()


def test_json_errors_for_fetch(client):
    response = post(client, {"choice": "nej"}, HTTP_ACCEPT="application/json", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    assert "error" in response.json()


@override_settings(CONSENT_RATE_LIMIT_PER_MINUTE=3)
def test_rate_limited_per_transient_key(client):
    codes = [post(client, {"choice": "necessary"}).status_code for _ in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    assert ConsentRecord.objects.count() == 3
    # Another address has its own allowance.
    other = client.post(URL, {"choice": "necessary"}, HTTP_ORIGIN=ORIGIN, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 303


def test_the_rate_limit_key_holds_no_address():
    from django.test import RequestFactory

    from kommunwebb.consent.ratelimit import transient_key

    request = RequestFactory().post(URL, REMOTE_ADDR="127.0.0.77")
    key = transient_key(request, "consent", minute=1)
    assert "127.0.0.77" not in key
    assert key == transient_key(request, "consent", minute=1)
    assert key != transient_key(request, "consent", minute=2)


def test_other_methods_are_not_allowed(client):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_a_garbage_cookie_does_not_break_recording(client):
    client.cookies[state.COOKIE_NAME] = "s.1.<script>"
    response = post(client, {"choice": "necessary"})
    assert response.status_code == 303
    assert state.parse_cookie(consent_cookie(response).value) is not None


# --- the settings page -----------------------------------------------------------------


def test_settings_page_offers_both_choices_and_checkboxes(client, home):
    response = client.get(URL + "?next=/nyheter/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cookieinställningar</h1>" in html
    assert 'name="statistics"' in html
    assert 'value="statistics"' in html and 'value="necessary"' in html
    assert 'name="next" value="/nyheter/"' in html
    assert "inte gjort något val" in html
    assert "no-cache" in response["Cache-Control"]
    # The banner is not shown on top of the page that replaces it.
    assert "data-consent-banner" not in html
    assert "csrfmiddlewaretoken" not in html


def test_settings_page_shows_the_current_choice(client, home):
    client.cookies[state.COOKIE_NAME] = f"s.1.{'a' * 22}"
    html = client.get(URL).content.decode()
    assert "du har godkänt statistik" in html
    assert 'value="on" checked' in html
    client.cookies[state.COOKIE_NAME] = f"n.1.{'a' * 22}"
    html = client.get(URL + "?sparat=1&next=/nyheter/").content.decode()
    assert "endast nödvändiga kakor" in html
    assert "Ditt val är sparat." in html
    assert 'href="/nyheter/"' in html


def test_settings_page_explains_gpc(client, home):
    html = client.get(URL, HTTP_SEC_GPC="1").content.decode()
    assert "Global Privacy Control" in html


def test_settings_page_ignores_a_foreign_next(client, home):
    html = client.get(URL + "?next=https://evil.example/").content.decode()
    assert 'name="next" value="/"' in html


def test_settings_page_shows_the_consent_id_only_after_a_choice(client, home):
    assert "consent-settings__id" not in client.get(URL).content.decode()
    post(client, {"choice": "necessary", "next": "/"})
    consent_id = ConsentRecord.objects.get().consent_id
    html = client.get(URL).content.decode()
    assert f"<code>{consent_id}</code>" in html
