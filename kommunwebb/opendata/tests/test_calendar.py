from datetime import date, datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from .conftest import STOCKHOLM

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    # Round trip: what icalendar writes back is what we served, byte for byte.
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()
    return calendar


def test_event_calendar_has_every_occurrence_in_stockholm_time(client, event):
    response = client.get(reverse("event_ics", args=[event.pk]))
    calendar = parse(response)
    assert "attachment" in response["Content-Disposition"]
    assert str(calendar["VERSION"]) == "2.0"
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Stockholm"]
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    starts = sorted(str(e.decoded("DTSTART")) for e in events)
    assert starts[0].startswith("2030-07-01 18:00:00+02:00")
    night = next(
        e for e in events if e.decoded("DTSTART") == datetime(2030, 10, 26, 22, tzinfo=STOCKHOLM)
    )
    # Across the change back to winter time: ends at 04:00 local, +01:00.
    assert night.decoded("DTEND").utcoffset().total_seconds() == 3600
    assert night["DTSTART"].params["TZID"] == "Europe/Stockholm"
    all_day = next(e for e in events if "Marknadsdag" in str(e["SUMMARY"]))
    assert all_day.decoded("DTSTART") == date(2030, 12, 13)
    assert all_day.decoded("DTEND") == date(2030, 12, 15)
    for item in events:
        assert str(item["LOCATION"]) == "Rådhustorget, Stortorget 1, Sundhamn"
        assert str(item["URL"]).endswith(event.url)
        assert str(item["UID"]).startswith("kommunwebb-occurrence-")
        assert "DTSTAMP" in item
    assert len({str(item["UID"]) for item in events}) == 3


def test_vtimezone_covers_the_events(client, event):
    calendar = parse(client.get(reverse("event_ics", args=[event.pk])))
    (vtimezone,) = calendar.walk("VTIMEZONE")
    names = {str(sub["TZNAME"]) for sub in vtimezone.subcomponents}
    assert names == {"CET", "CEST"}
    # Bounded: a few years of transitions, not the zone's whole history.
    assert len(vtimezone.to_ical()) < 4000


def test_subscribable_calendar_has_all_events(client, event, past_event):
    response = client.get(reverse("events_ics"))
    calendar = parse(response)
    assert "inline" in response["Content-Disposition"]
    assert str(calendar["X-WR-CALNAME"]) == "Evenemang – Exempelstads kommun"
    assert "REFRESH-INTERVAL" in calendar
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert len(summaries) == 3
    # Long past events are left out of the subscription; they stay on their own page.
    assert "Gammal konsert" not in summaries
    assert "public" in response["Cache-Control"]


def test_unpublished_event_is_404(client, event):
    event.unpublish()
    assert client.get(reverse("event_ics", args=[event.pk])).status_code == 404
    assert client.get(reverse("event_ics", args=[999999])).status_code == 404
    assert client.get(f"/kalender/evenemang/{10**30}.ics").status_code == 404


def test_empty_calendar_is_valid(client, home):
    calendar = parse(client.get(reverse("events_ics")))
    assert calendar.walk("VEVENT") == []
