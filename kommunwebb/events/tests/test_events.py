from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.events.models import EventOccurrence

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


def at(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


@time_machine.travel(at(2026, 12, 3, 12, 0), tick=False)
def test_listing_shows_upcoming_occurrences_in_date_order(client, calendar):
    programme = EventPageFactory(parent=calendar, title="Hållbar jul")
    for day in range(1, 8):
        EventOccurrenceFactory(
            event=programme,
            title=f"Workshop {day}",
            start=at(2026, 12, day, 13, 0),
            end=at(2026, 12, day, 15, 0),
        )
    concert = EventPageFactory(parent=calendar, title="Luciakonsert")
    EventOccurrenceFactory(event=concert, start=at(2026, 12, 3, 18), end=at(2026, 12, 3, 20))

    response = client.get(calendar.url)
    titles = [o.title or o.event.title for o in response.context["occurrences"]]
    # 1–2 December are over; the workshop on the 3rd (13–15) has not started yet.
    assert titles == [
        "Workshop 3",
        "Luciakonsert",
        "Workshop 4",
        "Workshop 5",
        "Workshop 6",
        "Workshop 7",
    ]


def test_past_event_leaves_the_listing(client, calendar):
    past = EventPageFactory(parent=calendar, title="Förra årets marknad")
    now = timezone.now()
    EventOccurrenceFactory(event=past, start=now - timedelta(days=2), end=now - timedelta(days=1))
    response = client.get(calendar.url)
    assert "Förra årets marknad" not in response.content.decode()


def test_all_day_multi_day_normalisation(calendar):
    event = EventPageFactory(parent=calendar, title="Stadsfestival")
    occurrence = EventOccurrenceFactory(
        event=event, all_day=True, start=at(2026, 8, 14, 10), end=at(2026, 8, 16, 10)
    )
    occurrence.refresh_from_db()
    assert timezone.localtime(occurrence.start, STOCKHOLM) == at(2026, 8, 14, 0, 0)
    assert timezone.localtime(occurrence.end, STOCKHOLM) == at(2026, 8, 16, 23, 59, 59, 999999)
    assert occurrence.last_day.isoformat() == "2026-08-16"
    assert occurrence.is_multi_day
    occurrence.save()
    occurrence.save()
    occurrence.refresh_from_db()
    assert occurrence.last_day.isoformat() == "2026-08-16"
    with time_machine.travel(at(2026, 8, 16, 23, 59), tick=False):
        assert occurrence in EventOccurrence.objects.upcoming(timezone.now())
    with time_machine.travel(at(2026, 8, 17, 0, 0), tick=False):
        assert occurrence not in EventOccurrence.objects.upcoming(timezone.now())


def test_single_all_day_occurrence_keeps_its_day(calendar):
    event = EventPageFactory(parent=calendar)
    occurrence = EventOccurrenceFactory(
        event=event, all_day=True, start=at(2026, 8, 14, 0, 0), end=at(2026, 8, 14, 0, 0)
    )
    assert occurrence.last_day.isoformat() == "2026-08-14"
    assert not occurrence.is_multi_day


def test_end_before_start_is_refused():
    occurrence = EventOccurrence(start=at(2026, 5, 2, 12), end=at(2026, 5, 2, 11))
    with pytest.raises(ValidationError) as error:
        occurrence.clean()
    assert "end" in error.value.message_dict


def test_event_page_shows_practical_facts(client, calendar):
    event = EventPageFactory(
        parent=calendar,
        title="Julklappsbyte",
        price=None,
        audience="Alla åldrar",
        registration_url="https://anmalan.example/julklapp",
        address="Kungsgatan 1",
    )
    EventOccurrenceFactory(event=event)
    html = client.get(event.url).content.decode()
    assert "Gratis" in html
    assert "Alla åldrar" in html
    assert "https://anmalan.example/julklapp" in html
    assert "Kungsgatan 1" in html


def test_priced_event_shows_kronor(client, calendar):
    event = EventPageFactory(parent=calendar, title="Konsert", price="120.00")
    EventOccurrenceFactory(event=event)
    html = client.get(event.url).content.decode()
    assert "120 kr" in html
    assert "Gratis" not in html
