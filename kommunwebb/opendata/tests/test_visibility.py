"""Feeds, calendars, the sitemap and the API publish only what a visitor may see: no draft,
unpublished, scheduled, expired or private page, in lists, in details or in searches."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.taxonomy.models import Topic
from kommunwebb.testing.hidden import assert_none_shown, hidden_pages

from .conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged_news(home):
    index = NewsIndexPageFactory(parent=home)

    def tagged(page):
        page.topics.add(Topic.objects.get_or_create(name="Trygghet")[0])
        page.save()

    shown = NewsArticlePageFactory(parent=index, title="Synlig nyhet")
    tagged(shown)
    publish(shown)
    return hidden_pages(NewsArticlePageFactory, index, word="Nyhet", after_create=tagged)


@pytest.fixture
def events(home):
    calendar = EventIndexPageFactory(parent=home)

    def with_occurrence(page):
        EventOccurrenceFactory(event=page, start=timezone.now() + timedelta(days=2))

    shown = EventPageFactory(parent=calendar, title="Synligt evenemang")
    with_occurrence(shown)
    publish(shown)
    return hidden_pages(EventPageFactory, calendar, word="Evenemang", after_create=with_occurrence)


@pytest.mark.parametrize("name", ["news_rss", "news_atom"])
def test_the_news_feeds(client, tagged_news, name):
    text = client.get(reverse(name)).content.decode()
    assert "Synlig nyhet" in text
    assert_none_shown(text, tagged_news)


def test_a_topic_feed(client, tagged_news):
    text = client.get(reverse("topic_rss", args=["trygghet"])).content.decode()
    assert "Synlig nyhet" in text
    assert_none_shown(text, tagged_news)


def test_the_calendar_to_subscribe_to(client, events):
    text = client.get(reverse("events_ics")).content.decode()
    assert "Synligt evenemang" in text
    assert_none_shown(text, events)


def test_one_event_to_add_to_a_calendar(client, events):
    for page in events.values():
        assert client.get(reverse("event_ics", args=[page.pk])).status_code == 404


def test_the_sitemap(client, home):
    shown = publish(StandardPageFactory(parent=home, title="Synlig sida", slug="synlig"))
    hidden = hidden_pages(StandardPageFactory, home, word="Sida")
    text = client.get(reverse("sitemap")).content.decode()
    assert shown.url in text
    shown_urls = [page.url for page in hidden.values() if page.url and page.url in text]
    assert not shown_urls, f"the sitemap lists {shown_urls}"


def test_the_pages_api_lists_finds_and_shows_only_visible_pages(client, home):
    publish(StandardPageFactory(parent=home, title="Dold synlig"))
    hidden = hidden_pages(StandardPageFactory, home, word="Dold")
    listing = client.get("/api/v2/pages/").json()
    assert "Dold synlig" in [item["title"] for item in listing["items"]]
    assert_none_shown(str(listing), hidden)
    found = client.get("/api/v2/pages/", {"search": "dold"}).json()
    assert [item["title"] for item in found["items"]] == ["Dold synlig"]
    for page in hidden.values():
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
