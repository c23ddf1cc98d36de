from datetime import timedelta

import pytest
from django.utils import timezone

from kommunwebb.contacts.factories import ContactCardFactory
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.taxonomy.factories import topics
from kommunwebb.topics.factories import TopicPageFactory
from kommunwebb.topics.models import TopicContact

pytestmark = pytest.mark.django_db


def test_topic_page_shows_tagged_news_and_contacts(client, home):
    news = NewsIndexPageFactory(parent=home)
    tagged = NewsArticlePageFactory(parent=news, title="Fler trygghetsvärdar")
    tagged.topics.add(*topics("Trygghet"))
    tagged.save_revision().publish()
    NewsArticlePageFactory(parent=news, title="Ny lekplats")
    topic = TopicPageFactory(parent=home, title="Trygghet", topic=topics("Trygghet")[0])
    card = ContactCardFactory(name="Stödcentrum")
    TopicContact.objects.create(page=topic, card=card, sort_order=0)

    assert [p.title for p in topic.related_news()] == ["Fler trygghetsvärdar"]
    html = client.get(topic.url).content.decode()
    assert "Fler trygghetsvärdar" in html
    assert "Ny lekplats" not in html
    assert "Stödcentrum" in html


def test_topic_without_tag_has_no_news(home):
    topic = TopicPageFactory(parent=home)
    assert list(topic.related_news()) == []


def test_news_order_is_newest_first(home):
    news = NewsIndexPageFactory(parent=home)
    (tag,) = topics("Miljö")
    titles = []
    for days in (3, 1, 2):
        article = NewsArticlePageFactory(parent=news, title=f"{days} dagar sedan")
        article.topics.add(tag)
        article.save_revision().publish()
        when = timezone.now() - timedelta(days=days)
        type(article).objects.filter(pk=article.pk).update(first_published_at=when)
        titles.append(article.title)
    topic = TopicPageFactory(parent=home, topic=tag)
    assert [p.title for p in topic.related_news()] == [
        "1 dagar sedan",
        "2 dagar sedan",
        "3 dagar sedan",
    ]
