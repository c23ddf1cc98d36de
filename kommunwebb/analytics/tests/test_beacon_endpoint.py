"""The beacon endpoint: what it stores, what it ignores and what it rejects."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kommunwebb.analytics import visitor
from kommunwebb.analytics.models import BeaconEvent

from .conftest import DECLINED, PHONE

pytestmark = pytest.mark.django_db

GOOD = {"p": "/luftkvalitet/", "vp": "s", "ttfb": 120, "fcp": 800, "lcp": 1900.4, "cls": 0.03}


def test_a_beacon_with_consent_is_stored_with_a_new_visitor_id(article, post_beacon):
    response = post_beacon(GOOD, user_agent=PHONE)
    assert response.status_code == 204
    event = BeaconEvent.objects.get()
    assert event.page_id == article.pk
    assert (event.lcp, event.ttfb, event.fcp, event.inp) == (1900, 120, 800, None)
    assert event.cls == pytest.approx(0.03)
    assert (event.device, event.viewport) == ("m", "s")
    cookie = response.cookies[visitor.COOKIE_NAME]
    assert event.visitor == cookie.value and visitor.is_valid(cookie.value)
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert 0 < int(cookie["max-age"]) <= 396 * 24 * 3600  # at most 13 months


def test_a_returning_visitor_keeps_the_id_and_gets_no_new_cookie(article, post_beacon, client):
    first = post_beacon(GOOD)
    vid = first.cookies[visitor.COOKIE_NAME].value
    client.cookies[visitor.COOKIE_NAME] = vid
    second = post_beacon(GOOD)
    assert second.status_code == 204
    assert visitor.COOKIE_NAME not in second.cookies
    assert list(BeaconEvent.objects.values_list("visitor", flat=True)) == [vid, vid]


def test_a_made_up_visitor_id_is_replaced(article, post_beacon, client):
    client.cookies[visitor.COOKIE_NAME] = "x" * 22
    response = post_beacon(GOOD)
    new = response.cookies[visitor.COOKIE_NAME].value
    assert new != "x" * 22 and BeaconEvent.objects.get().visitor == new


@pytest.mark.parametrize("consent", [None, DECLINED, "s.0." + "C" * 22, "nonsense"])
def test_without_statistics_consent_nothing_is_stored_or_set(article, post_beacon, consent):
    response = post_beacon(GOOD, consent=consent)
    assert response.status_code == 204
    assert not BeaconEvent.objects.exists()
    assert visitor.COOKIE_NAME not in response.cookies


def test_do_not_track_without_a_choice_counts_as_declining(article, post_beacon):
    response = post_beacon(GOOD, consent=None, headers={"DNT": "1"})
    assert response.status_code == 204 and not BeaconEvent.objects.exists()


def test_declining_later_deletes_the_visitor_cookie(article, post_beacon, client):
    client.cookies[visitor.COOKIE_NAME] = visitor.new_visitor_id()
    response = post_beacon(GOOD, consent=DECLINED)
    assert response.status_code == 204
    assert response.cookies[visitor.COOKIE_NAME]["max-age"] == 0
    assert not BeaconEvent.objects.exists()


@pytest.mark.parametrize(
    "path", ["/finns-inte/", "/admin/", "/luftkvalitet", "/luftkvalitet/../", "//x/"]
)
def test_unknown_paths_are_ignored(article, post_beacon, path):
    assert post_beacon({**GOOD, "p": path}).status_code == 204
    assert not BeaconEvent.objects.exists()


def test_draft_pages_are_ignored(article, post_beacon):
    article.unpublish()
    assert post_beacon(GOOD).status_code == 204
    assert not BeaconEvent.objects.exists()


def test_percent_encoded_paths_find_their_page(home, post_beacon):
    from wagtail.models import Page

    from kommunwebb.core.factories import StandardPageFactory

    page = StandardPageFactory(parent=home, slug="vader", title="Väder")
    # A page whose address was made before new addresses became ASCII (core/slugs.py).
    Page.objects.filter(pk=page.pk).update(
        slug="väder", url_path=page.url_path.replace("/vader/", "/väder/")
    )
    assert post_beacon({"p": "/v%C3%A4der/"}).status_code == 204
    assert BeaconEvent.objects.get().page_id == page.pk


def test_bots_are_ignored(article, post_beacon):
    ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/130.0.0.0"
    assert post_beacon(GOOD, user_agent=ua).status_code == 204
    assert not BeaconEvent.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {**GOOD, "lcp": 10**12},
        {**GOOD, "cls": -0.1},
        {**GOOD, "cls": 10.5},
        {**GOOD, "inp": 60_001},
        {**GOOD, "ttfb": "120"},
        {**GOOD, "fcp": True},
        {**GOOD, "lcp": [1]},
        {**GOOD, "vp": "xl"},
        {**GOOD, "extra": 1},
        {**GOOD, "p": 5},
        {"vp": "s"},
        [GOOD],
        "hej",
    ],
)
def test_wrong_types_and_absurd_values_are_rejected(article, post_beacon, data):
    assert post_beacon(data).status_code == 400
    assert not BeaconEvent.objects.exists()


@pytest.mark.parametrize(
    "raw", [b"", b"{", b'{"p": "/luftkvalitet/", "lcp": NaN}', b"\xff\xfe", b"[" * 3000]
)
def test_malformed_bodies_are_rejected(article, post_beacon, raw):
    # (The test client sends an empty body without a content type: 415.)
    assert post_beacon(None, raw=raw).status_code in (400, 413, 415)
    assert not BeaconEvent.objects.exists()


def test_duplicate_keys_are_rejected(article, post_beacon):
    raw = b'{"p": "/luftkvalitet/", "lcp": 100, "lcp": 200}'
    assert post_beacon(None, raw=raw).status_code == 400


def test_oversized_beacons_are_refused(article, post_beacon):
    assert post_beacon({**GOOD, "p": "/" + "a" * 3000}).status_code == 413
    assert not BeaconEvent.objects.exists()


def test_other_content_types_are_refused(article, post_beacon):
    response = post_beacon(GOOD, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_application_json_is_accepted(article, post_beacon):
    assert post_beacon(GOOD, content_type="application/json").status_code == 204
    assert BeaconEvent.objects.count() == 1


@pytest.mark.parametrize("origin", ["https://evil.example", "null", None])
def test_cross_origin_posts_are_refused(article, post_beacon, origin):
    response = post_beacon(GOOD, headers={"Origin": origin})
    assert response.status_code == 403
    assert not BeaconEvent.objects.exists()


def test_a_same_origin_referer_stands_in_for_a_missing_origin(article, post_beacon):
    response = post_beacon(GOOD, headers={"Origin": None, "Referer": "http://testserver/x/"})
    assert response.status_code == 204


def test_only_post(client, article):
    response = client.get("/statistik/beacon")
    assert response.status_code == 405 and response["Allow"] == "POST"


def test_rate_limited_per_visitor(article, post_beacon, client, settings):
    settings.ANALYTICS_BEACONS_PER_VISITOR = 3
    client.cookies[visitor.COOKIE_NAME] = visitor.new_visitor_id()
    codes = [post_beacon(GOOD).status_code for _ in range(5)]
    assert codes == [204, 204, 204, 429, 429]
    assert BeaconEvent.objects.count() == 3


def test_rate_limited_per_address_without_visitor_id(article, post_beacon, settings):
    settings.ANALYTICS_BEACONS_PER_ADDRESS = 2
    codes = [post_beacon(GOOD, consent=None).status_code for _ in range(4)]
    assert codes == [204, 204, 429, 429]


def test_an_unexpected_error_is_a_quiet_204_not_a_500(article, post_beacon, monkeypatch):
    from kommunwebb.analytics import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "record_beacon", broken)
    assert post_beacon(GOOD).status_code == 204


def test_answers_are_never_cached(article, post_beacon):
    assert "no-store" in post_beacon(GOOD)["Cache-Control"]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**15), max_value=10**15)
    | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
beacon_like = st.fixed_dictionaries(
    {},
    optional={
        "p": st.one_of(st.just("/luftkvalitet/"), st.text(max_size=30)),
        "vp": st.one_of(st.sampled_from(["s", "m", "l"]), json_values),
        "lcp": json_values,
        "cls": json_values,
        "inp": json_values,
        "ttfb": json_values,
        "fcp": json_values,
    },
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.one_of(beacon_like.map(lambda d: json.dumps(d).encode()), st.binary(max_size=3000)))
def test_fuzz_never_500_and_nothing_stored_unless_valid(article, post_beacon, settings, body):
    from kommunwebb.analytics.beacon import InvalidBeacon, parse

    settings.ANALYTICS_BEACONS_PER_ADDRESS = settings.ANALYTICS_BEACONS_PER_VISITOR = 10**9
    BeaconEvent.objects.all().delete()
    response = post_beacon(None, raw=body)
    assert response.status_code in (204, 400, 413, 415)  # 415: an empty body, see above
    try:
        parsed = parse(body)
    except InvalidBeacon:
        parsed = None
    stored = BeaconEvent.objects.count()
    if parsed is None:
        assert response.status_code in (400, 413, 415) and stored == 0
    else:
        assert response.status_code == 204
        assert stored == (1 if parsed.path == "/luftkvalitet/" else 0)


def test_a_visitors_limit_holds_while_thousands_of_others_send(
    article, post_beacon, client, settings
):
    """With the embedded profile's cache (settings/base.py), a visitor's counter is not
    evicted by other visitors' counters during a spike."""
    from django.core.cache import caches
    from django.test import RequestFactory

    from kommunwebb.analytics import ratelimit
    from kommunwebb.settings import base

    settings.CACHES = {**settings.CACHES, "ratelimit": {**base.CACHES["default"]}}
    settings.ANALYTICS_RATE_LIMIT_CACHE = "ratelimit"
    settings.ANALYTICS_BEACONS_PER_VISITOR = 3
    caches["ratelimit"].clear()
    me = visitor.new_visitor_id()
    client.cookies[visitor.COOKIE_NAME] = me
    codes = [post_beacon(GOOD).status_code for _ in range(3)]
    request = RequestFactory().post("/statistik/beacon")
    for _ in range(5000):  # the rest of the city
        ratelimit.allow(request, visitor.new_visitor_id())
    codes.append(post_beacon(GOOD).status_code)
    assert codes == [204, 204, 204, 429]
