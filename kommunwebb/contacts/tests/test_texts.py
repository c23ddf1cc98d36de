from datetime import date, datetime, time

import pytest
from django.utils import translation

from kommunwebb.contacts.hours import STOCKHOLM, Interval, Schedule, SpecialDay
from kommunwebb.contacts.texts import HoursRow, status_text, upcoming_deviations, weekly_summary

OFFICE = Schedule({day: (Interval(time(8), time(16)),) for day in range(5)}, holiday_intervals=())


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def text(schedule, *args):
    now = datetime(*args, tzinfo=STOCKHOLM)
    return status_text(schedule.status(now), now)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ((2026, 5, 11, 9), "Öppet nu – stänger kl. 16.00"),
        ((2026, 5, 11, 7), "Stängt – öppnar i dag kl. 8.00"),
        ((2026, 5, 14, 17), "Stängt – öppnar i morgon kl. 8.00"),  # Thursday
        ((2026, 5, 15, 17), "Stängt – öppnar måndag kl. 8.00"),  # Friday
        # Julafton, juldagen and annandag jul, then the weekend.
        ((2026, 12, 23, 17), "Stängt – öppnar måndag kl. 8.00"),
    ],
)
def test_office_status(now, expected):
    assert text(OFFICE, *now) == expected


def test_a_date_is_given_a_week_or_more_ahead():
    closed = Schedule(
        OFFICE.weekly,
        (),
        [SpecialDay(date(2026, 12, 29 + n), ()) for n in range(3)],
    )
    # 29–31 December closed, 1 January a holiday, then a weekend and Trettondedag jul (6th).
    assert text(closed, 2026, 12, 28, 17) == "Stängt – öppnar 4 januari kl. 8.00"
    closed = Schedule(OFFICE.weekly, (), [*closed.special_days, SpecialDay(date(2027, 1, 4), ())])
    assert text(closed, 2026, 12, 28, 17) == "Stängt – öppnar 5 januari kl. 8.00"


def test_open_around_the_clock():
    always = Schedule(dict.fromkeys(range(7), (Interval(time(0), time(0)),)))
    assert text(always, 2026, 12, 24, 3) == "Öppet dygnet runt"


def test_a_night_closing_is_given_as_a_time_only():
    night = Schedule({4: (Interval(time(16), time(3)),)})
    assert text(night, 2026, 5, 8, 23) == "Öppet nu – stänger kl. 03.00"
    assert text(night, 2026, 5, 8, 12) == "Stängt – öppnar i dag kl. 16.00"


def test_a_closing_days_away_is_named():
    weekend = Schedule(
        {
            4: (Interval(time(16), time(0)),),
            5: (Interval(time(0), time(0)),),
            6: (Interval(time(0), time(22)),),
        }
    )
    assert text(weekend, 2026, 5, 8, 17) == "Öppet nu – stänger söndag kl. 22.00"
    assert text(weekend, 2026, 5, 9, 17) == "Öppet nu – stänger i morgon kl. 22.00"
    assert text(weekend, 2026, 5, 10, 17) == "Öppet nu – stänger kl. 22.00"


def test_a_midnight_closing_is_24():
    evenings = Schedule({0: (Interval(time(18), time(0)),)})
    assert text(evenings, 2026, 5, 11, 19) == "Öppet nu – stänger kl. 24.00"
    assert weekly_summary(evenings)[0] == HoursRow("Måndag", "18.00–24.00")


def test_never_opening_is_just_closed():
    assert text(Schedule(), 2026, 5, 11, 9) == "Stängt"


def test_weekly_summary_groups_consecutive_equal_days():
    schedule = Schedule(
        OFFICE.weekly | {2: (Interval(time(13), time(16)), Interval(time(8), time(12)))},
        holiday_intervals=(Interval(time(10), time(14)),),
    )
    assert weekly_summary(schedule) == [
        HoursRow("Måndag–tisdag", "08.00–16.00"),
        HoursRow("Onsdag", "08.00–12.00, 13.00–16.00"),
        HoursRow("Torsdag–fredag", "08.00–16.00"),
        HoursRow("Lördag–söndag", "Stängt"),
        HoursRow("Helgdagar", "10.00–14.00"),
    ]


def test_weekly_summary_of_an_every_day_line():
    always = Schedule(dict.fromkeys(range(7), (Interval(time(0), time(0)),)))
    assert weekly_summary(always) == [HoursRow("Alla dagar", "Dygnet runt")]
    evenings = Schedule(dict.fromkeys(range(7), (Interval(time(16), time(3)),)))
    assert weekly_summary(evenings) == [HoursRow("Alla dagar", "16.00–03.00")]


def test_upcoming_deviations_name_holidays_and_exceptions():
    schedule = Schedule(
        OFFICE.weekly,
        (),
        [SpecialDay(date(2026, 12, 22), (Interval(time(8), time(12)),), "Personalfest")],
    )
    rows = upcoming_deviations(schedule, date(2026, 12, 20), days=7)
    assert rows == [
        HoursRow("Tisdag 22 december", "08.00–12.00", "Personalfest"),
        HoursRow("Torsdag 24 december (julafton)", "Stängt"),
        HoursRow("Fredag 25 december (juldagen)", "Stängt"),
    ]


def test_english_interface_gets_english_status_text():
    with translation.override("en"):
        assert text(OFFICE, 2026, 5, 15, 17) == "Closed – opens on Monday at 8.00"
