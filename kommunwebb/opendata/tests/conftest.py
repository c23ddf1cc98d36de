from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.taxonomy.factories import topics
from kommunwebb.topics.factories import TopicPageFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def news(home):
    index = NewsIndexPageFactory(parent=home)
    articles = []
    for n, (title, tag) in enumerate(
        [
            ("Renare luft & <färre> bilar", "Miljö"),
            ("Nya skolor byggs", "Utbildning"),
            ("Trygghetsvandring i Ekbacka", "Trygghet"),
        ]
    ):
        page = NewsArticlePageFactory(parent=index, title=title, lead=f"Ingress nummer {n}.")
        page.topics.add(*topics(tag))
        articles.append(publish(page))
    return articles


@pytest.fixture
def event(home):
    calendar = EventIndexPageFactory(parent=home)
    page = EventPageFactory(
        parent=calendar,
        title="Julmarknad på Rådhustorget",
        lead="Hantverk, glögg och julmusik, för alla åldrar.",
        venue="Rådhustorget",
        address="Stortorget 1, Sundhamn",
        organiser="Sundhamns kommun",
    )
    # One across the end of summer time (last Sunday of October), one all-day, one in summer.
    EventOccurrenceFactory(
        event=page,
        start=datetime(2030, 10, 26, 22, 0, tzinfo=STOCKHOLM),
        end=datetime(2030, 10, 27, 4, 0, tzinfo=STOCKHOLM),
    )
    EventOccurrenceFactory(
        event=page,
        all_day=True,
        title="Marknadsdag",
        start=datetime(2030, 12, 13, tzinfo=STOCKHOLM),
        end=datetime(2030, 12, 14, tzinfo=STOCKHOLM),
    )
    EventOccurrenceFactory(
        event=page,
        start=datetime(2030, 7, 1, 18, 0, tzinfo=STOCKHOLM),
        end=datetime(2030, 7, 1, 20, 0, tzinfo=STOCKHOLM),
    )
    return publish(page)


@pytest.fixture
def past_event(home, event):
    page = EventPageFactory(parent=event.get_parent(), title="Gammal konsert")
    EventOccurrenceFactory(
        event=page,
        start=datetime(2001, 1, 1, 18, tzinfo=STOCKHOLM),
        end=datetime(2001, 1, 1, 20, tzinfo=STOCKHOLM),
    )
    return publish(page)


@pytest.fixture
def topic_page(home, news):
    tag = news[0].topics.get()
    return publish(TopicPageFactory(parent=home, title="Miljö och klimat", topic=tag))


__all__ = ["publish", "timedelta"]
