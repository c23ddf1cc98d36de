import pytest

from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.taxonomy.factories import topics
from kommunwebb.topics.factories import TopicPageFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no searches counted (the limit is per visitor and minute, and
    every test client is the same visitor)."""
    from django.core.cache import cache

    cache.clear()


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def news(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def article(news):
    page = NewsArticlePageFactory(
        parent=news,
        title="Renare luft i innerstaden",
        lead="Halterna av kvävedioxid sjunker i innerstaden.",
    )
    page.topics.add(*topics("Miljö"))
    return publish(page)


@pytest.fixture
def school_article(news):
    page = NewsArticlePageFactory(
        parent=news,
        title="Nya skolor byggs",
        lead="Två skolor byggs i Repslagarkajen och ska vara klara om tre år.",
    )
    page.topics.add(*topics("Utbildning"))
    return publish(page)


@pytest.fixture
def event(home):
    calendar = EventIndexPageFactory(parent=home)
    page = EventPageFactory(
        parent=calendar,
        title="Julmarknad på torget",
        lead="Evenemanget samlar hantverkare och matproducenter.",
    )
    EventOccurrenceFactory(event=page)
    return publish(page)


@pytest.fixture
def topic_page(home):
    (tag,) = topics("Miljö")
    page = TopicPageFactory(
        parent=home, title="Miljö och klimat", intro="Om luften och klimatet.", topic=tag
    )
    return publish(page)
