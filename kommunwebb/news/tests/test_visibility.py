"""The news listing and its topics show only what a visitor may see, and an article shows
its contact card only once the card is published."""

import pytest

from kommunwebb.contacts.factories import ContactCardFactory
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.taxonomy.models import Topic
from kommunwebb.testing.hidden import assert_none_shown, hidden_pages

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_the_news_listing_and_its_topics(client, home):
    index = NewsIndexPageFactory(parent=home)
    shown = NewsArticlePageFactory(parent=index, title="Synlig nyhet")
    shown.topics.add(Topic.objects.create(name="Miljö"))
    publish(shown)

    def secret_topic(page):
        page.topics.add(Topic.objects.create(name=f"Ämne för {page.title}"))
        page.save()

    hidden = hidden_pages(NewsArticlePageFactory, index, word="Nyhet", after_create=secret_topic)
    html = client.get(index.url).content.decode()
    assert "Synlig nyhet" in html and "Miljö" in html
    assert_none_shown(html, hidden)
    assert [tag.name for tag in index.topics()] == ["Miljö"]


def test_a_draft_contact_card_is_not_shown_on_an_article(client, home):
    index = NewsIndexPageFactory(parent=home)
    card = ContactCardFactory(name="Miljöförvaltningens kundtjänst", live=False)
    article = publish(NewsArticlePageFactory(parent=index, contact=card))
    assert "Miljöförvaltningens kundtjänst" not in client.get(article.url).content.decode()
    card.save_revision().publish()
    assert "Miljöförvaltningens kundtjänst" in client.get(article.url).content.decode()
