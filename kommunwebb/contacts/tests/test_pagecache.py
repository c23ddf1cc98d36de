"""Contact cards on cached pages: the contacts app tells the page cache (apps.py) that an
edited card, number or opening hour changes pages, and when the next opening or closing is."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kommunwebb.contacts.factories import ContactCardFactory, OpeningHoursExceptionFactory
from kommunwebb.contacts.models import Days, next_opening_hours_change
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def on_a_wednesday(hour, minute):
    return datetime(2026, 11, 25, hour, minute, tzinfo=STOCKHOLM)


@pytest.fixture
def page_with_card(home, commit):
    """``page_with_card(card)``: a published news article showing the card."""

    def publish(card):
        with commit():
            index = NewsIndexPageFactory(parent=home)
            index.save_revision().publish()
            page = NewsArticlePageFactory(parent=index, title="Stöd efter branden", contact=card)
            page.save_revision().publish()
        return page

    return publish


def html(client, url):
    return client.get(url).content.decode()


def test_the_next_change_is_the_earliest_opening_or_closing_of_any_card():
    assert next_opening_hours_change(on_a_wednesday(9, 0)) is None
    ContactCardFactory(hours=[(Days.WEEKDAYS, time(8), time(16))])
    ContactCardFactory(hours=[(Days.WEEKDAYS, time(10), time(12))])
    assert next_opening_hours_change(on_a_wednesday(9, 0)) == on_a_wednesday(10, 0)
    assert next_opening_hours_change(on_a_wednesday(12, 30)) == on_a_wednesday(16, 0)


def test_a_closed_day_moves_the_next_change():
    card = ContactCardFactory(hours=[(Days.WEEKDAYS, time(8), time(16))])
    OpeningHoursExceptionFactory(card=card, date=on_a_wednesday(0, 0).date(), closed=True)
    # Closed all Wednesday: nothing flips before Thursday's opening.
    assert next_opening_hours_change(on_a_wednesday(9, 0)) == datetime(
        2026, 11, 26, 8, 0, tzinfo=STOCKHOLM
    )


def test_a_changed_contact_card_shows_on_cached_pages(client, pagecache, page_with_card, commit):
    with commit():
        card = ContactCardFactory(name="Stödcentrum")
    page = page_with_card(card)
    assert "040-34 10 00" in html(client, page.url)
    with commit():
        phone = card.phone_numbers.get()
        phone.number = "040-34 99 99"
        phone.save()
    assert "040-34 99 99" in html(client, page.url)
    with commit():
        card.name = "Kommunens stödcentrum"
        card.save()
    assert "Kommunens stödcentrum" in html(client, page.url)


def test_changed_opening_hours_show_on_cached_pages(client, pagecache, page_with_card, commit):
    with time_machine.travel(on_a_wednesday(12, 0), tick=False):
        with commit():
            card = ContactCardFactory(hours=[(Days.WEEKDAYS, time(8), time(16))])
        page = page_with_card(card)
        assert "Öppet nu – stänger kl. 16.00" in html(client, page.url)
        with commit():
            rule = card.opening_hours.get()
            rule.closes = time(17)
            rule.save()
        assert "Öppet nu – stänger kl. 17.00" in html(client, page.url)
        with commit():
            OpeningHoursExceptionFactory(card=card, date=on_a_wednesday(0, 0).date())
        assert "Öppet nu" not in html(client, page.url)


def test_opening_status_flips_at_closing_time(client, pagecache, page_with_card, commit):
    with time_machine.travel(on_a_wednesday(15, 50), tick=False):
        with commit():
            card = ContactCardFactory(
                name="Medborgarservice", hours=[(Days.WEEKDAYS, time(8), time(16))]
            )
        page = page_with_card(card)
        assert "Öppet nu – stänger kl. 16.00" in html(client, page.url)
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "hit"
        assert "s-maxage=600" in response["Cache-Control"]  # ten minutes to closing
    with time_machine.travel(on_a_wednesday(15, 59), tick=False):
        assert client.get(page.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(on_a_wednesday(16, 0), tick=False):
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "miss"
        assert "Stängt – öppnar i morgon kl. 8.00" in response.content.decode()


def test_a_card_is_rendered_once_for_every_page_showing_it(
    client, pagecache, page_with_card, commit
):
    with time_machine.travel(on_a_wednesday(12, 0), tick=False):
        with commit():
            card = ContactCardFactory(
                name="Stödcentrum", hours=[(Days.WEEKDAYS, time(8), time(16))]
            )
        first = page_with_card(card)
        with commit():
            second = NewsArticlePageFactory(parent=first.get_parent(), contact=card)
            second.save_revision().publish()
        assert "Öppet nu – stänger kl. 16.00" in html(client, first.url)
        with CaptureQueriesContext(connection) as queries:
            shown = html(client, second.url)
    assert "Stödcentrum" in shown and "040-34 10 00" in shown
    assert "Öppet nu – stänger kl. 16.00" in shown
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "contacts_phonenumber" not in sql and "contacts_openinghours" not in sql
