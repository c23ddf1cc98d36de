"""Search under load (issue 12 part 8): answers cached per content generation and
normalised query, a rate limit per visitor that never stores who the visitor is."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kommunwebb.news.factories import NewsArticlePageFactory
from kommunwebb.search import ratelimit
from kommunwebb.search.models import IndexTerm

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get(reverse("search"), params)


def index_queries(callback):
    """How many SQL statements asked the term index while ``callback`` ran."""
    with CaptureQueriesContext(connection) as queries:
        response = callback()
    table = IndexTerm._meta.db_table
    return response, sum(table in query["sql"] for query in queries.captured_queries)


@pytest.fixture
def article(news, commit):
    with commit():
        page = NewsArticlePageFactory(parent=news, title="Stadsbiblioteket har öppet i jul")
        page.save_revision().publish()
    return page


def test_a_repeated_search_is_answered_from_the_cache(client, pagecache, article, settings):
    settings.SEARCH_FLUSH_SECONDS = 3600  # counting waits; only the search is measured here
    first, asked = index_queries(lambda: get(client, q="jul"))
    assert asked > 0
    second, asked = index_queries(lambda: get(client, q="jul"))
    assert asked == 0
    assert second.content == first.content
    # Varnish may keep both the same way (deploy/varnish/), and count them from its log.
    for response in (first, second):
        assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]
        assert response["X-KW-Search-Stats"] == "1 0"


def test_the_results_are_shared_by_queries_that_mean_the_same(client, pagecache, article):
    get(client, q="Jul")
    response, asked = index_queries(lambda: get(client, q="  jul!! "))
    assert asked == 0
    assert [hit["page"].pk for hit in response.context["hits"]] == [article.pk]


def test_publishing_starts_a_new_generation_of_answers(client, pagecache, article, news, commit):
    assert "Julmarknad" not in get(client, q="jul").content.decode()
    with commit():
        page = NewsArticlePageFactory(parent=news, title="Julmarknad på torget")
        page.save_revision().publish()
    assert "Julmarknad på torget" in get(client, q="jul").content.decode()


def test_each_consent_variant_has_its_own_page(client, pagecache, article):
    from kommunwebb.consent.state import consent_state  # noqa: F401 - registers the variant

    plain = get(client, q="jul").content
    declined = client.get(reverse("search"), {"q": "jul"}, HTTP_SEC_GPC="1").content
    assert plain != declined  # the banner is only on the first


def test_pages_for_visitors_with_a_login_session_are_neither_kept_nor_shared(pagecache):
    from kommunwebb.search import cache

    factory = RequestFactory()
    visitor = factory.get("/sok/", {"q": "jul"})
    editor = factory.get("/sok/", {"q": "jul"}, HTTP_COOKIE="sessionid=abc")
    assert cache.page_key(visitor) is not None
    assert cache.page_key(editor) is None


def test_a_visitor_searching_too_fast_gets_a_swedish_429(client, article, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 2
    assert get(client, q="jul").status_code == 200
    assert get(client, q="öppet").status_code == 200
    response = get(client, q="bibliotek")
    assert response.status_code == 429
    assert "Du har sökt många gånger på kort tid" in response.content.decode()
    # Another visitor is not affected.
    other = client.get(reverse("search"), {"q": "jul"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_cached_answers_do_not_count_against_the_limit(client, pagecache, article, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 1
    for _ in range(5):
        assert get(client, q="jul").status_code == 200
    assert get(client, q="öppet").status_code == 429


def test_searches_are_counted_per_visitor_behind_the_proxy(settings):
    """Behind Varnish every request comes from 127.0.0.1: the keyed client hash it sends
    tells visitors apart; from anyone else the header is not believed."""
    settings.KOMMUNWEBB_TRUSTED_PROXIES = ["127.0.0.1"]  # as the production profile
    factory = RequestFactory()
    first = factory.get("/sok/", REMOTE_ADDR="127.0.0.1", HTTP_X_KW_CLIENT="3f9a" * 8)
    second = factory.get("/sok/", REMOTE_ADDR="127.0.0.1", HTTP_X_KW_CLIENT="7c01" * 8)
    assert ratelimit._key(first, 1000) != ratelimit._key(second, 1000)
    forged = factory.get("/sok/", REMOTE_ADDR="192.0.2.7", HTTP_X_KW_CLIENT="3f9a" * 8)
    direct = factory.get("/sok/", REMOTE_ADDR="192.0.2.7")
    assert ratelimit._key(forged, 1000) == ratelimit._key(direct, 1000)


def test_the_counter_key_holds_no_address_and_changes_every_minute():
    request = RequestFactory().get("/sok/", REMOTE_ADDR="192.0.2.7")
    key = ratelimit._key(request, 1000)
    assert "192.0.2.7" not in key
    assert key != ratelimit._key(request, 1001)


def shared_for(response) -> int | None:
    """How long a shared cache (Varnish) may keep this answer; None: not at all."""
    directives = dict(
        (part.strip().split("=", 1) + [""])[:2] for part in response["Cache-Control"].split(",")
    )
    if "public" not in directives or {"private", "no-cache", "no-store"} & set(directives):
        return None
    return int(directives["s-maxage"])


def test_a_visitors_answer_may_be_kept_by_varnish_until_the_next_change(client, article):
    """The search page is cached by Varnish like a page: public, for the consent variants
    (Vary), no longer than the page cache's TTL, purged by a publish (xkey, deploy/varnish/);
    with what the statistics counted, for the VCL's record of a cached answer."""
    response = get(client, q="jul")
    assert 1 <= shared_for(response) <= 600
    assert {"Cookie", "Sec-GPC", "DNT"} <= {v.strip() for v in response["Vary"].split(",")}
    assert response["X-KW-Search-Stats"] == "1 0"
    assert not response.cookies
    # No hit: a zero-hit search, unless a filter emptied it.
    assert get(client, q="zzqqxx")["X-KW-Search-Stats"] == "0 1"
    assert get(client, q="zzqqxx", typ="evenemang")["X-KW-Search-Stats"] == "0 0"
    # The empty search page is shared too, and counts nothing.
    empty = get(client)
    assert shared_for(empty) is not None and "X-KW-Search-Stats" not in empty


def test_answers_that_are_not_everyones_are_never_kept(client, article, settings):
    editor = client.get(reverse("search"), {"q": "jul"}, HTTP_COOKIE="sessionid=abc")
    assert editor.status_code == 200 and shared_for(editor) is None
    too_long = get(client, q="x" * 300)
    assert too_long.status_code == 400 and shared_for(too_long) is None
    assert "X-KW-Search-Stats" not in too_long
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 1
    get(client, q="öppet")
    limited = get(client, q="bibliotek")
    assert limited.status_code == 429 and shared_for(limited) is None
    assert "X-KW-Search-Stats" not in limited


def test_the_next_clock_change_bounds_how_long_varnish_keeps_an_answer(
    client, article, pagecache, monkeypatch
):
    """s-maxage is the page cache's deadline, as for pages: no later than the next moment a
    clock-driven change (an alert starting or ending) alters what the page shows."""
    from datetime import timedelta

    from django.utils import timezone

    from kommunwebb.pagecache import invalidation

    soon = timezone.now() + timedelta(seconds=90)
    monkeypatch.setattr(invalidation, "_deadlines", [*invalidation._deadlines, lambda now: soon])
    assert shared_for(get(client, q="bibliotek")) <= 90
