"""The calendar's filters: periods, categories, audiences, free entry and accessibility as a
plain GET form; bad values answer 400 with a Swedish message; filtered views are cached."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from kommunwebb.events.factories import (
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
)
from kommunwebb.events.filters import MONTH, TODAY, WEEKEND, period_days
from kommunwebb.events.models import EventCategory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Wednesday 9 December 2026, noon.
NOW = datetime(2026, 12, 9, 12, tzinfo=STOCKHOLM)


def at(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("today", "period", "expected"),
    [
        (date(2026, 12, 9), TODAY, (date(2026, 12, 9), date(2026, 12, 9))),
        # Wednesday: the coming Saturday and Sunday.
        (date(2026, 12, 9), WEEKEND, (date(2026, 12, 12), date(2026, 12, 13))),
        # Friday too: "i helgen" is Saturday and Sunday.
        (date(2026, 12, 11), WEEKEND, (date(2026, 12, 12), date(2026, 12, 13))),
        (date(2026, 12, 12), WEEKEND, (date(2026, 12, 12), date(2026, 12, 13))),
        # On Sunday what is left of the weekend is today.
        (date(2026, 12, 13), WEEKEND, (date(2026, 12, 13), date(2026, 12, 13))),
        # Monday: the next weekend.
        (date(2026, 12, 14), WEEKEND, (date(2026, 12, 19), date(2026, 12, 20))),
        (date(2026, 12, 9), MONTH, (date(2026, 12, 9), date(2026, 12, 31))),
        (date(2027, 2, 3), MONTH, (date(2027, 2, 3), date(2027, 2, 28))),
    ],
)
def test_period_days(today, period, expected):
    assert period_days(period, today) == expected


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def programme(calendar):
    """A weekend sing-along for children (free, step-free), a Tuesday lecture for adults
    (paid, hearing loop), a market from Friday to Sunday and a concert next month."""
    music = EventCategory.objects.create(name="Musik", slug="musik")
    lecture = EventCategory.objects.create(name="Föreläsning", slug="forelasning")
    singing = EventPageFactory(
        parent=calendar,
        title="Sagostund med sång",
        for_children=True,
        wheelchair_accessible=True,
    )
    singing.categories.add(music)
    singing.save_revision().publish()
    EventOccurrenceFactory(event=singing, start=at(2026, 12, 12, 10), end=at(2026, 12, 12, 11))
    talk = EventPageFactory(
        parent=calendar,
        title="Föredrag om stadens historia",
        for_adults=True,
        for_seniors=True,
        hearing_loop=True,
        price=Decimal("60"),
    )
    talk.categories.add(lecture)
    talk.save_revision().publish()
    EventOccurrenceFactory(event=talk, start=at(2026, 12, 15, 18), end=at(2026, 12, 15, 20))
    market = EventPageFactory(parent=calendar, title="Julmarknad", for_children=True)
    for day in (11, 12, 13):
        EventOccurrenceFactory(event=market, start=at(2026, 12, day, 11), end=at(2026, 12, day, 17))
    concert = EventPageFactory(
        parent=calendar, title="Nyårskonsert", for_adults=True, price=Decimal("150")
    )
    concert.categories.add(music)
    concert.save_revision().publish()
    EventOccurrenceFactory(event=concert, start=at(2027, 1, 2, 19), end=at(2027, 1, 2, 21))
    return calendar


def titles(response):
    return [occurrence.event.title for day in _days(response) for occurrence in day.occurrences]


def _days(response):
    from kommunwebb.core.templatetags.site_tags import group_by_day

    return group_by_day(response.context["occurrences"], response.context["filter"].first_day())


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Julmarknad", "Sagostund med sång", "Julmarknad", "Julmarknad",
              "Föredrag om stadens historia", "Nyårskonsert"]),
        ("period=i-helgen", ["Sagostund med sång", "Julmarknad", "Julmarknad"]),
        ("period=i-helgen&malgrupp=barn&gratis=1", ["Sagostund med sång", "Julmarknad",
                                                    "Julmarknad"]),
        ("period=i-helgen&kategori=musik", ["Sagostund med sång"]),
        ("kategori=musik", ["Sagostund med sång", "Nyårskonsert"]),
        ("kategori=musik&kategori=forelasning", ["Sagostund med sång",
                                                 "Föredrag om stadens historia", "Nyårskonsert"]),
        ("malgrupp=seniorer", ["Föredrag om stadens historia"]),
        ("malgrupp=barn&malgrupp=seniorer", ["Julmarknad", "Sagostund med sång", "Julmarknad",
                                             "Julmarknad", "Föredrag om stadens historia"]),
        ("gratis=1", ["Julmarknad", "Sagostund med sång", "Julmarknad", "Julmarknad"]),
        ("tillganglighet=rullstol", ["Sagostund med sång"]),
        ("tillganglighet=rullstol&tillganglighet=horslinga", []),
        ("period=denna-manad&malgrupp=vuxna", ["Föredrag om stadens historia"]),
        ("fran=2026-12-13&till=2026-12-15", ["Julmarknad", "Föredrag om stadens historia"]),
        ("fran=2026-12-20", ["Nyårskonsert"]),
        ("till=2026-12-11", ["Julmarknad"]),
        # A start in the past is today: the calendar shows what is ahead.
        ("fran=2026-01-01&till=2026-12-11", ["Julmarknad"]),
        ("period=i-dag", []),
    ],
)  # fmt: skip
def test_filters(client, programme, query, expected):
    response = client.get(f"{programme.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@time_machine.travel(NOW, tick=False)
def test_results_are_grouped_by_day_from_the_periods_first_day(client, programme):
    response = client.get(f"{programme.url}?period=i-helgen")
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.select("h3.calendar__heading")]
    assert headings == ["Lördag 12 december", "Söndag 13 december"]
    assert soup.select_one("h2#results-heading").get_text(strip=True) == ("3 tillfällen som passar")
    # The form shows what was chosen, so the visitor can change it.
    assert soup.select_one("input[name=period][value=i-helgen]").has_attr("checked")
    assert soup.select_one(".calendar-filter__summary .badge").get_text(strip=True) == "1 val"


@time_machine.travel(NOW, tick=False)
def test_unknown_filter_parameters_and_paging_are_not_errors(client, programme):
    response = client.get(f"{programme.url}?utm_source=nyhetsbrev&sida=1&gratis=1")
    assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("fran=18-12-2026", "Skriv datumet som år-månad-dag, till exempel 2026-12-18."),
        ("fran=2026-02-30", "Skriv datumet som år-månad-dag, till exempel 2026-12-18."),
        ("till=imorgon", "Skriv datumet som år-månad-dag, till exempel 2026-12-18."),
        ("fran=2026-12-20&till=2026-12-10", "Till och med kan inte vara före från och med."),
        ("period=nasta-ar", "”nasta-ar” finns inte bland valen."),
        ("kategori=%3Cscript%3E", "”&lt;script&gt;” finns inte bland valen."),
        ("malgrupp=hundar", "”hundar” finns inte bland valen."),
        ("tillganglighet=hiss", "”hiss” finns inte bland valen."),
        ("period=i-dag&fran=2026-12-10", "Välj antingen en period eller egna datum, inte båda."),
    ],
)
def test_bad_values_get_a_swedish_message_and_400(client, programme, query, message):
    response = client.get(f"{programme.url}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert response.context["occurrences"] == []


@time_machine.travel(NOW, tick=False)
def test_a_filtered_view_is_cached_by_its_query(client, programme, pagecache):
    first = client.get(f"{programme.url}?period=i-helgen&malgrupp=barn")
    # The same filter in another order is the same page.
    again = client.get(f"{programme.url}?malgrupp=barn&period=i-helgen")
    other = client.get(f"{programme.url}?period=i-helgen")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert other["X-Page-Cache"] == "miss"
    # A bad filter is never stored: each time it is explained again.
    for _ in range(2):
        bad = client.get(f"{programme.url}?period=nasta-ar")
        assert bad.status_code == 400
        assert bad.get("X-Page-Cache") != "hit"


@time_machine.travel(NOW, tick=False)
def test_renaming_a_category_changes_cached_pages(client, programme, pagecache, commit):
    assert "Musik" in client.get(programme.url).content.decode()
    with commit():
        category = EventCategory.objects.get(slug="musik")
        category.name = "Konserter"
        category.save()
    response = client.get(programme.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Konserter" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_unpublished_events_are_never_listed(client, programme):
    hidden = EventPageFactory(parent=programme, title="Hemligt utkast", for_children=True)
    EventOccurrenceFactory(event=hidden, start=NOW + timedelta(days=3), end=NOW + timedelta(days=4))
    hidden.unpublish()
    assert "Hemligt utkast" not in client.get(f"{programme.url}?malgrupp=barn").content.decode()


def test_the_api_publishes_what_the_calendar_filters_by(client, programme):
    singing = programme.get_children().get(title="Sagostund med sång")
    data = client.get(f"/api/v2/pages/{singing.pk}/").json()
    assert data["categories"] == ["Musik"]
    assert data["audiences"] == ["Barn"]
    assert (data["wheelchair_accessible"], data["hearing_loop"]) == (True, False)
