import feedparser
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(("name", "version"), [("news_rss", "rss20"), ("news_atom", "atom10")])
def test_news_feed_is_valid(client, news, name, version):
    response, feed = parse(client, reverse(name))
    assert feed.version == version
    # The organisation's name from the site settings: the Wagtail site has none here.
    assert feed.feed.title == "Nyheter – Exempelstads kommun"
    assert feed.feed.language == "sv"  # <language> in RSS, xml:lang in Atom
    titles = [entry.title for entry in feed.entries]
    assert set(titles) == {page.title for page in news}
    assert "Renare luft & <färre> bilar" in titles
    entry = next(e for e in feed.entries if e.title == news[1].title)
    assert entry.link == f"http://testserver{news[1].url}"
    assert entry.published_parsed is not None
    assert [tag.term for tag in entry.tags] == ["Utbildning"]
    assert "public" in response["Cache-Control"]
    assert "Set-Cookie" not in response


@pytest.mark.parametrize("name", ["topic_rss", "topic_atom"])
def test_topic_feed_has_only_that_topic(client, news, name):
    slug = news[1].topics.get().slug
    _, feed = parse(client, reverse(name, args=[slug]))
    assert [entry.title for entry in feed.entries] == [news[1].title]
    assert "Utbildning" in feed.feed.title


def test_unknown_topic_is_404(client, news):
    assert client.get(reverse("topic_rss", args=["finns-inte"])).status_code == 404
    # A NUL in an address is refused before any view (security.middleware).
    assert client.get("/flode/amne/a%00b.atom").status_code == 400


def test_drafts_and_private_pages_stay_out(client, news):
    from wagtail.models import PageViewRestriction

    news[0].unpublish()
    PageViewRestriction.objects.create(
        page=news[1], restriction_type=PageViewRestriction.PASSWORD, password="hemligt1234"
    )
    _, feed = parse(client, reverse("news_rss"))
    assert [entry.title for entry in feed.entries] == [news[2].title]


def test_empty_feed_is_valid(client, home):
    _, feed = parse(client, reverse("news_atom"))
    assert feed.entries == []


@pytest.mark.django_db(transaction=True)
def test_requests_at_the_same_time_each_keep_their_own_request(news, monkeypatch):
    """gunicorn's threads call the one feed object urls.py made at the same time: neither
    request may see the other's (its address, its host, its topic)."""
    import threading

    from django.db import connection
    from django.test import Client

    from kommunwebb.opendata.feeds import NewsFeed

    both_started = threading.Barrier(2, timeout=10)
    get_object = NewsFeed.get_object

    def get_object_together(self, request, slug=None):
        tag = get_object(self, request, slug)
        both_started.wait()  # each has its topic; neither has written its feed yet
        return tag

    monkeypatch.setattr(NewsFeed, "get_object", get_object_together)
    topics = {article.topics.get().slug: article.title for article in news[:2]}
    feeds = {}

    def fetch(slug):
        try:
            response = Client().get(reverse("topic_atom", args=[slug]))
            feeds[slug] = feedparser.parse(response.content)
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch, args=[slug]) for slug in topics]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert set(feeds) == set(topics)
    for slug, title in topics.items():
        feed = feeds[slug]
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == ["http://testserver" + reverse("topic_atom", args=[slug])]
        assert [entry.title for entry in feed.entries] == [title]
