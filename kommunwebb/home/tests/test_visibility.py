"""The home page shows only what a visitor may see: no draft, unpublished, scheduled,
expired or private news or event, no shortcut or menu item leading to one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.core.models import SiteSettings
from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from kommunwebb.services.models import ServiceNavigation
from kommunwebb.testing.hidden import assert_none_shown, hidden_pages

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def with_occurrence(page):
    EventOccurrenceFactory(event=page, start=timezone.now() + timedelta(days=2))


def test_the_news_on_the_home_page(client, home):
    news = NewsIndexPageFactory(parent=home)
    publish(NewsArticlePageFactory(parent=news, title="Synlig nyhet"))
    hidden = hidden_pages(NewsArticlePageFactory, news, word="Nyhet")
    html = client.get(home.url).content.decode()
    assert "Synlig nyhet" in html
    assert_none_shown(html, hidden)


def test_the_events_on_the_home_page(client, home):
    calendar = EventIndexPageFactory(parent=home)
    shown = EventPageFactory(parent=calendar, title="Synligt evenemang")
    with_occurrence(shown)
    publish(shown)
    hidden = hidden_pages(
        EventPageFactory, calendar, word="Evenemang", after_create=with_occurrence
    )
    html = client.get(home.url).content.decode()
    assert "Synligt evenemang" in html
    assert_none_shown(html, hidden)
    assert [o.event.title for o in home.upcoming_events()] == ["Synligt evenemang"]


def test_shortcuts_menu_and_footer_lead_only_to_pages_a_visitor_may_see(client, home):
    shown = publish(StandardPageFactory(parent=home, title="Synlig sida", show_in_menus=True))
    hidden = hidden_pages(StandardPageFactory, home, word="Sida", show_in_menus=True)
    # "Hitta snabbt" on the home page is the site's navigation setting (services app).
    navigation = ServiceNavigation.for_site(home.get_site())
    navigation.quick_links = [
        ("service", {"title": f"Genväg till {page.title}", "page": page, "url": ""})
        for page in [shown, *hidden.values()]
    ]
    navigation.save()
    publish(home)
    settings = SiteSettings.for_site(home.get_site())
    settings.about_page, settings.cookies_page = hidden["privat"], hidden["utgangen"]
    settings.privacy_page, settings.accessibility_page = hidden["utkast"], shown
    settings.save()
    html = client.get(home.url).content.decode()
    assert "Genväg till Synlig sida" in html
    assert html.count(shown.url) >= 3  # the shortcut, the menu and the footer
    assert_none_shown(html, hidden)
