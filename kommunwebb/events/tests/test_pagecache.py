"""Events on cached pages: the events app tells the page cache (apps.py) when the next
occurrence starts or ends, so the calendar drops past ones on time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.events.models import EventOccurrence

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def on_a_wednesday(hour, minute):
    return datetime(2026, 11, 25, hour, minute, tzinfo=STOCKHOLM)


def test_the_next_change_is_the_earliest_start_or_end_to_come(home):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home))
    now = on_a_wednesday(9, 0)
    assert EventOccurrence.objects.next_change(now) is None
    EventOccurrenceFactory(event=event, start=on_a_wednesday(8, 0), end=on_a_wednesday(11, 0))
    EventOccurrenceFactory(event=event, start=on_a_wednesday(10, 0), end=on_a_wednesday(10, 30))
    assert EventOccurrence.objects.next_change(now) == on_a_wednesday(10, 0)
    assert EventOccurrence.objects.next_change(on_a_wednesday(10, 0)) == on_a_wednesday(10, 30)
    assert EventOccurrence.objects.next_change(on_a_wednesday(11, 0)) is None


def test_an_event_leaves_the_cached_calendar_when_it_ends(
    client, pagecache, home, commit, settings
):
    settings.PAGECACHE_TTL = 86400  # only the clock ends an entry here
    with time_machine.travel(on_a_wednesday(9, 0), tick=False):
        with commit():
            calendar = EventIndexPageFactory(parent=home)
            calendar.save_revision().publish()
            event = EventPageFactory(parent=calendar, title="Bokcirkel på biblioteket")
            EventOccurrenceFactory(
                event=event, start=on_a_wednesday(10, 0), end=on_a_wednesday(12, 0)
            )
            event.save_revision().publish()
        assert "Bokcirkel på biblioteket" in client.get(calendar.url).content.decode()
        response = client.get(calendar.url)
        assert response["X-Page-Cache"] == "hit"
        assert "s-maxage=3600" in response["Cache-Control"]  # an hour to the start
    with time_machine.travel(on_a_wednesday(10, 0), tick=False):
        response = client.get(calendar.url)
        assert response["X-Page-Cache"] == "miss"  # it has started: "pågår"
        assert "Bokcirkel på biblioteket" in response.content.decode()
    with time_machine.travel(on_a_wednesday(10, 59), tick=False):
        assert client.get(calendar.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(on_a_wednesday(12, 0), tick=False):
        response = client.get(calendar.url)
        assert response["X-Page-Cache"] == "miss"
        assert "Bokcirkel på biblioteket" not in response.content.decode()
