"""The calendar lists only events a visitor may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.testing.hidden import assert_none_shown, hidden_pages

pytestmark = pytest.mark.django_db


def with_occurrence(page):
    EventOccurrenceFactory(event=page, start=timezone.now() + timedelta(days=2))


def test_the_calendar(client, home):
    calendar = EventIndexPageFactory(parent=home)
    shown = EventPageFactory(parent=calendar, title="Synligt evenemang")
    with_occurrence(shown)
    shown.save_revision().publish()
    hidden = hidden_pages(
        EventPageFactory, calendar, word="Evenemang", after_create=with_occurrence
    )
    html = client.get(calendar.url).content.decode()
    assert "Synligt evenemang" in html
    assert_none_shown(html, hidden)
