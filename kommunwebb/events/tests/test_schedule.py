"""How an event page tells when: one time, a run of days with opening times, or a series.
The home page's "På gång": one row per event. The place said once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import translation

from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.events.models import EventOccurrence
from kommunwebb.events.schedule import Schedule, place_text

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 1, 12, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def at(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


def occurrence(start, end, **kwargs):
    return EventOccurrence(start=start, end=end, **kwargs)


def test_one_time():
    schedule = Schedule([occurrence(at(2026, 12, 10, 19), at(2026, 12, 10, 21))], NOW)
    assert schedule.summary == "10 december 2026 kl. 19.00–21.00"
    assert not schedule.shows_list


def test_a_market_on_three_days_is_one_range_with_opening_times():
    days = [
        occurrence(at(2026, 12, 18, 12), at(2026, 12, 18, 19)),
        occurrence(at(2026, 12, 19, 10), at(2026, 12, 19, 17)),
        occurrence(at(2026, 12, 20, 11), at(2026, 12, 20, 16)),
    ]
    schedule = Schedule(list(reversed(days)), NOW)
    assert schedule.is_run_of_days
    assert schedule.summary == "18–20 december 2026"
    assert schedule.heading == "Öppettider"
    assert [(row.label, row.times) for row in schedule.rows] == [
        ("Fredag 18 december", "12.00–19.00"),
        ("Lördag 19 december", "10.00–17.00"),
        ("Söndag 20 december", "11.00–16.00"),
    ]


def test_a_week_of_workshops_is_a_programme():
    days = [
        occurrence(at(2026, 11, 30 + n, 15) if n < 1 else at(2026, 12, n, 15),
                   at(2026, 11, 30 + n, 18) if n < 1 else at(2026, 12, n, 18),
                   title=f"Workshop {n}")
        for n in range(0, 3)
    ]  # fmt: skip
    schedule = Schedule(days, NOW)
    assert schedule.summary == "30 november – 2 december 2026"
    assert schedule.heading == "Program"
    # The first day is over; it stays in the programme, marked.
    assert [row.is_past for row in schedule.rows] == [True, False, False]


def test_a_series_of_separate_dates_shows_the_next_and_lists_all():
    dates = [
        occurrence(at(2026, 11, 24, 18), at(2026, 11, 24, 19)),
        occurrence(at(2026, 12, 8, 18), at(2026, 12, 8, 19)),
        occurrence(at(2026, 12, 22, 18), at(2026, 12, 22, 19)),
    ]
    schedule = Schedule(dates, NOW)
    assert not schedule.is_run_of_days
    assert schedule.summary == "8 december 2026 kl. 18.00–19.00"
    assert schedule.heading == "Alla tillfällen"
    assert [row.label for row in schedule.rows][1] == "8 december 2026 kl. 18.00–19.00"


def test_an_all_day_occurrence_over_several_days():
    market = occurrence(at(2026, 12, 18, 0), at(2026, 12, 20, 23, 59, 59), all_day=True)
    schedule = Schedule([market], NOW)
    assert schedule.summary == "18–20 december 2026"
    assert market.time_of_day == "Heldag, till och med 20 december"
    assert not schedule.shows_list


def test_time_of_day_across_midnight():
    late = occurrence(at(2026, 12, 18, 22), at(2026, 12, 19, 2))
    assert late.time_of_day == "22.00 – 19 december 02.00"
    until_midnight = occurrence(at(2026, 12, 18, 20), at(2026, 12, 19, 0))
    assert until_midnight.time_of_day == "20.00–24.00"
    assert until_midnight.last_day.isoformat() == "2026-12-18"


def test_past_event():
    schedule = Schedule([occurrence(at(2026, 11, 10, 19), at(2026, 11, 10, 21))], NOW)
    assert schedule.is_past


@pytest.mark.parametrize(
    ("venue", "address", "expected"),
    [
        ("Rådhustorget", "Rådhustorget, Sundhamn", "Rådhustorget, Sundhamn"),
        ("Stadsbiblioteket, Ljushallen", "Kanalgatan 12, Sundhamn",
         "Stadsbiblioteket, Ljushallen, Kanalgatan 12, Sundhamn"),
        ("Stadsparken", "", "Stadsparken"),
    ],
)  # fmt: skip
def test_the_place_is_said_once(venue, address, expected):
    assert place_text(venue, address) == expected


# --- Pages ---------------------------------------------------------------------------------


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_event_page_for_a_market(client, calendar):
    market = EventPageFactory(
        parent=calendar, title="Julmarknad", venue="Rådhustorget", address="Rådhustorget, Sundhamn"
    )
    for day, (opens, closes) in zip((18, 19, 20), ((12, 19), (10, 17), (11, 16)), strict=True):
        EventOccurrenceFactory(
            event=market, start=at(2026, 12, day, opens), end=at(2026, 12, day, closes)
        )
    soup = BeautifulSoup(client.get(market.url).content, "html.parser")
    facts = {
        item.dt.get_text(strip=True): item.dd.get_text(" ", strip=True)
        for item in soup.select(".facts__item")
    }
    assert facts["När"].startswith("18–20 december 2026")
    assert facts["Plats"] == "Rådhustorget, Sundhamn"
    assert soup.select_one("#occurrences-heading").get_text(strip=True) == "Öppettider"
    rows = [li.get_text(" ", strip=True) for li in soup.select(".occurrence-list li")]
    assert rows == [
        "Fredag 18 december 12.00–19.00",
        "Lördag 19 december 10.00–17.00",
        "Söndag 20 december 11.00–16.00",
    ]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_event_page_with_one_time_has_no_list(client, calendar):
    concert = EventPageFactory(parent=calendar, title="Konsert")
    EventOccurrenceFactory(event=concert, start=at(2026, 12, 10, 19), end=at(2026, 12, 10, 21))
    soup = BeautifulSoup(client.get(concert.url).content, "html.parser")
    assert soup.select_one(".occurrences") is None
    assert "10 december 2026 kl. 19.00–21.00" in soup.select_one(".facts").get_text(" ")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_home_page_shows_distinct_events(client, home, calendar):
    home.events_count = 3
    home.save_revision().publish()
    week = EventPageFactory(parent=calendar, title="Hållbar jul")
    for day in range(2, 9):
        EventOccurrenceFactory(event=week, start=at(2026, 12, day, 15), end=at(2026, 12, day, 18))
    for title, day in (("Luciakonsert", 13), ("Stadsvandring", 5), ("Nyårskonsert", 31)):
        event = EventPageFactory(parent=calendar, title=title)
        EventOccurrenceFactory(event=event, start=at(2026, 12, day, 18), end=at(2026, 12, day, 20))
    draft = EventPageFactory(parent=calendar, title="Utkast")
    EventOccurrenceFactory(event=draft, start=at(2026, 12, 1, 18), end=at(2026, 12, 1, 20))
    draft.unpublish()

    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    rows = soup.select("section[aria-labelledby=events-heading] .event-row")
    assert [row.select_one(".event-row__title").get_text(strip=True) for row in rows] == [
        "Hållbar jul",
        "Stadsvandring",
        "Luciakonsert",
    ]
    assert "Flera tillfällen" in rows[0].get_text()
    assert "Flera tillfällen" not in rows[1].get_text()
