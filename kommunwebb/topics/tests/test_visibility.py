"""A topic page shows only news, sub-pages, links and contact cards a visitor may see."""

import pytest

from kommunwebb.contacts.factories import ContactCardFactory
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.taxonomy.models import Topic
from kommunwebb.testing.hidden import assert_none_shown, hidden_pages
from kommunwebb.topics.factories import TopicPageFactory
from kommunwebb.topics.models import TopicContact

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_news_on_a_topic_page(client, home):
    tag = Topic.objects.create(name="Trygghet", slug="trygghet")
    topic = publish(TopicPageFactory(parent=home, title="Trygghet", topic=tag))
    index = NewsIndexPageFactory(parent=home)

    def tagged(page):
        page.topics.add(tag)
        page.save()

    shown = NewsArticlePageFactory(parent=index, title="Synlig nyhet")
    tagged(shown)
    publish(shown)
    hidden = hidden_pages(NewsArticlePageFactory, index, word="Nyhet", after_create=tagged)
    html = client.get(topic.url).content.decode()
    assert "Synlig nyhet" in html
    assert_none_shown(html, hidden)


def test_sub_pages_and_read_more_links_on_a_topic_page(client, home):
    topic = TopicPageFactory(parent=home, title="Trygghet")
    publish(topic)
    shown = publish(StandardPageFactory(parent=topic, title="Synlig undersida"))
    hidden = hidden_pages(StandardPageFactory, topic, word="Undersida")
    links = [{"text": "", "page": page, "url": ""} for page in [shown, *hidden.values()]]
    topic.body = [("read_more", {"heading": "Läs mer", "links": links})]
    publish(topic)
    html = client.get(topic.url).content.decode()
    assert html.count("Synlig undersida") == 2  # in "Mer om Trygghet" and in "Läs mer"
    assert_none_shown(html, hidden)


def test_a_read_more_list_of_hidden_pages_only_is_left_out(client, home):
    topic = publish(TopicPageFactory(parent=home, title="Trygghet"))
    hidden = hidden_pages(StandardPageFactory, home, word="Sida")
    links = [{"text": "", "page": page, "url": ""} for page in hidden.values()]
    topic.body = [("read_more", {"heading": "Läs vidare här", "links": links})]
    publish(topic)
    assert "Läs vidare här" not in client.get(topic.url).content.decode()


def test_only_published_contact_cards_on_a_topic_page(client, home):
    topic = TopicPageFactory(parent=home, title="Trygghet")
    shown = ContactCardFactory(name="Synligt kontaktkort")
    draft = ContactCardFactory(name="Kontaktkort utkast", live=False)
    unpublished = ContactCardFactory(name="Kontaktkort avpublicerat")
    unpublished.unpublish()
    for card in (shown, draft, unpublished):
        TopicContact.objects.create(page=topic, card=card)
    publish(topic)
    html = client.get(topic.url).content.decode()
    assert "Synligt kontaktkort" in html
    assert "Kontaktkort utkast" not in html and "Kontaktkort avpublicerat" not in html
