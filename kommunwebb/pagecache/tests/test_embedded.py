"""The embedded profile's page cache: what it keeps, for whom, and when it lets go."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kommunwebb.core.models import SiteSettings
from kommunwebb.news.factories import NewsArticlePageFactory
from kommunwebb.pagecache.invalidation import GENERATION_KEY
from kommunwebb.pagecache.signals import page_served
from kommunwebb.taxonomy.factories import topics
from kommunwebb.topics.factories import TopicPageFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def get(client, url, **headers):
    response = client.get(url, **headers)
    return response, response.content.decode()


def article(parent, commit, title, tags=(), **fields):
    with commit():
        page = NewsArticlePageFactory(parent=parent, title=title, **fields)
        for tag in tags:
            page.topics.add(*topics(tag))
        page.save_revision().publish()
    return page


# --- What is kept ---------------------------------------------------------------------


def test_second_anonymous_request_is_a_hit_with_the_same_bytes(client, pagecache, home):
    first, _ = get(client, home.url)
    second, _ = get(client, home.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Content-Type-Options"] == "nosniff"  # the stack's headers are kept


def test_public_pages_say_how_shared_caches_may_keep_them(client, pagecache, home):
    response, _ = get(client, home.url)
    directives = {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age", "s-maxage", "stale-if-error"} <= directives
    # A browser would show a stale page first and fetch the new one behind it (issue 13).
    assert "stale-while-revalidate" not in directives
    assert "Cookie" in response["Vary"]


def test_browsers_keep_a_page_seconds_and_revalidate_with_its_etag(client, pagecache, home):
    first, _ = get(client, home.url)
    max_age = dict(
        part.strip().split("=") for part in first["Cache-Control"].split(",") if "=" in part
    )["max-age"]
    assert int(max_age) <= 5
    again = client.get(home.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""
    other = client.get(home.url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200
    assert other["ETag"] == first["ETag"]


def test_head_is_answered_from_what_get_stored(client, pagecache, home):
    get(client, home.url)
    response = client.head(home.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_query_order_and_campaign_tags_share_one_entry(client, pagecache, news_index):
    get(client, news_index.url + "?sida=1&amne=x")
    response, _ = get(client, news_index.url + "?amne=x&utm_source=nyhetsbrev&sida=1")
    assert response["X-Page-Cache"] == "hit"
    other, _ = get(client, news_index.url + "?amne=y&sida=1")
    assert other["X-Page-Cache"] == "miss"


def test_each_consent_state_has_its_own_entry(client, pagecache, home, settings):
    version = settings.CONSENT_POLICY_VERSION
    get(client, home.url)
    client.cookies["kw_consent"] = f"s.{version}.{'a' * 22}"
    statistics, _ = get(client, home.url)
    assert statistics["X-Page-Cache"] == "miss"
    # Another visitor with the same decision gets the same copy: the id is not in the key.
    client.cookies["kw_consent"] = f"s.{version}.{'b' * 22}"
    again, _ = get(client, home.url)
    assert again["X-Page-Cache"] == "hit"
    del client.cookies["kw_consent"]
    gpc, _ = get(client, home.url, HTTP_SEC_GPC="1")
    assert gpc["X-Page-Cache"] == "miss"  # "necessary" without a cookie


def test_page_served_is_sent_for_hits_and_misses(client, pagecache, home):
    seen = []

    def receiver(sender, request, response, hit, **kwargs):
        seen.append((request.path, response.status_code, hit))

    page_served.connect(receiver)
    try:
        get(client, home.url)
        get(client, home.url)
        client.head(home.url)  # not a page view
        get(client, "/finns-inte/")
    finally:
        page_served.disconnect(receiver)
    assert seen == [(home.url, 200, False), (home.url, 200, True)]


def test_page_served_is_sent_with_the_cache_switched_off(client, settings, home):
    settings.PAGECACHE_ENABLED = False
    seen = []

    def receiver(sender, hit, **kwargs):
        seen.append(hit)

    page_served.connect(receiver)
    try:
        response, _ = get(client, home.url)
    finally:
        page_served.disconnect(receiver)
    assert seen == [False]
    assert "s-maxage" in response["Cache-Control"]
    assert "X-Page-Cache" in response


# --- Nothing personal in a shared copy --------------------------------------------------


def test_editor_views_are_neither_served_from_nor_stored_in_the_cache(
    client, pagecache, home, django_user_model
):
    get(client, home.url)  # an anonymous copy exists
    editor = django_user_model.objects.create_superuser("redaktor.anna", "anna@example.se", "x")
    client.force_login(editor)
    response, html = get(client, home.url)
    assert "X-Page-Cache" not in response  # rendered for her, not taken from the cache
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]

    client.logout()
    client.cookies.clear()
    pagecache.clear()
    get(client, home.url)  # stored now, as an anonymous visitor sees it
    client.force_login(editor)
    get(client, home.url)
    client.logout()
    client.cookies.clear()
    anonymous, html = get(client, home.url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "redaktor.anna" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "wagtail-userbar" not in html
    assert not anonymous.cookies


def test_a_page_with_a_csrf_token_is_not_stored(client, pagecache, home):
    """A form renders the visitor's CSRF token and sets its cookie: never shared."""
    from django.middleware.csrf import get_token
    from wagtail import hooks

    def with_form(callback):
        def inner(page, request, args, kwargs):
            get_token(request)
            return callback(page, request, args, kwargs)

        return inner

    with hooks.register_temporarily("on_serve_page", with_form):
        first, _ = get(client, home.url)
        second, _ = get(client, home.url)
    assert "csrftoken" in first.cookies
    assert second.get("X-Page-Cache") is None  # rendered each time, never stored
    assert "private" in second["Cache-Control"]


def test_views_that_cache_on_their_own_are_left_alone(client, pagecache, home):
    # Search keeps its own answers and says itself what Varnish may keep (docs/search.md).
    response, _ = get(client, "/sok/?q=vatten")
    assert "X-Page-Cache" not in response
    assert "s-maxage" in response["Cache-Control"]
    assert get(client, "/sok/?q=vatten")[0].get("X-Page-Cache") is None
    admin = client.get("/admin/login/")
    assert "X-Page-Cache" not in admin
    assert "no-cache" in admin["Cache-Control"]


def test_not_found_is_not_stored(client, pagecache, home):
    client.get("/finns-inte/")
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


# --- Publishing invalidates ------------------------------------------------------------


def test_publishing_shows_the_article_on_every_listing_at_once(
    client, pagecache, home, news_index, commit
):
    with commit():
        topic = TopicPageFactory(
            parent=home,
            title="Trygghet",
            topic=topics("Trygghet")[0],
        )
        topic.save_revision().publish()
    listings = [home.url, news_index.url, topic.url]
    for url in listings:
        get(client, url)
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "hit"

    article(news_index, commit, "Fler trygghetsvärdar i centrum", tags=["Trygghet"])

    for url in listings:
        response, html = get(client, url)
        assert "Fler trygghetsvärdar i centrum" in html, url
        assert response["X-Page-Cache"] == "miss"
        response, _ = get(client, url)
        assert response["X-Page-Cache"] == "hit"  # and cached again right away


def test_republishing_changes_the_article_and_its_listings(client, pagecache, news_index, commit):
    page = article(news_index, commit, "Vattenläcka på Storgatan")
    get(client, page.url)
    get(client, news_index.url)
    with commit():
        page.title = "Vattenläckan på Storgatan är lagad"
        page.save_revision().publish()
    assert "är lagad" in get(client, page.url)[1]
    assert "är lagad" in get(client, news_index.url)[1]


def test_unpublishing_removes_the_article_everywhere(client, pagecache, home, news_index, commit):
    page = article(news_index, commit, "Felpublicerad nyhet")
    for url in (page.url, news_index.url, home.url):
        get(client, url)
    url = page.url
    with commit():
        page.unpublish()
    assert client.get(url).status_code == 404
    assert "Felpublicerad nyhet" not in get(client, news_index.url)[1]
    assert "Felpublicerad nyhet" not in get(client, home.url)[1]


def test_deleting_removes_the_article_everywhere(client, pagecache, home, news_index, commit):
    page = article(news_index, commit, "Nyhet som tas bort")
    url = page.url
    for target in (url, news_index.url, home.url):
        get(client, target)
    with commit():
        page.delete()
    assert client.get(url).status_code == 404
    assert "Nyhet som tas bort" not in get(client, news_index.url)[1]
    assert "Nyhet som tas bort" not in get(client, home.url)[1]


def test_moving_a_page_updates_both_places(client, pagecache, home, commit):
    from kommunwebb.core.factories import StandardPageFactory

    with commit():
        first = StandardPageFactory(parent=home, title="Bygga och bo", slug="bygga")
        second = StandardPageFactory(parent=home, title="Miljö", slug="miljo")
        moved = StandardPageFactory(parent=first, title="Bygglov", slug="bygglov")
    old_url = moved.url
    for url in (first.url, second.url, old_url):
        get(client, url)
    with commit():
        moved.move(second, pos="last-child")
    moved_away = client.get(old_url)
    assert (moved_away.status_code, moved_away["Location"]) == (301, "/miljo/bygglov/")
    assert client.get("/miljo/bygglov/").status_code == 200
    assert "Bygglov" in get(client, second.url)[1]
    assert "Bygglov" not in get(client, first.url)[1]


def test_nothing_is_invalidated_before_the_transaction_commits(pagecache, home):
    from django.db import transaction

    from kommunwebb.pagecache.invalidation import current_generation, invalidate

    before = current_generation()
    with transaction.atomic():
        invalidate("test")
        invalidate("test again")
        assert current_generation() == before
        transaction.set_rollback(True)
    assert current_generation() == before


def test_one_transaction_bumps_once(pagecache, home, commit):
    from kommunwebb.pagecache.invalidation import invalidate

    with commit() as callbacks:
        invalidate("one")
        invalidate("two")
    assert len(callbacks) == 1
    assert pagecache.get(GENERATION_KEY) is not None


# --- Settings ---------------------------------------------------------------------------


def test_a_changed_footer_shows_on_cached_pages(client, pagecache, home, commit):
    get(client, home.url)
    with commit():
        site_settings = SiteSettings.for_site(home.get_site())
        site_settings.organisation_name = "Sundhamns kommun"
        site_settings.save()
    assert "Sundhamns kommun" in get(client, home.url)[1]


# --- The clock ------------------------------------------------------------------------


def on_a_wednesday(hour, minute):
    return datetime(2026, 11, 25, hour, minute, tzinfo=STOCKHOLM)


def test_every_entry_ends_at_midnight(client, pagecache, home):
    with time_machine.travel(on_a_wednesday(23, 50), tick=False):
        response, _ = get(client, home.url)
        assert "s-maxage=600," in response["Cache-Control"]
    with time_machine.travel(on_a_wednesday(23, 59), tick=False):
        assert get(client, home.url)[0]["X-Page-Cache"] == "hit"
    with time_machine.travel(on_a_wednesday(23, 59) + timedelta(minutes=1), tick=False):
        assert get(client, home.url)[0]["X-Page-Cache"] == "miss"
