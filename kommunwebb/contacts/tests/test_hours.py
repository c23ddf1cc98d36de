from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from kommunwebb.contacts.hours import (
    STOCKHOLM,
    Interval,
    OpeningStatus,
    Schedule,
    SpecialDay,
    holiday_name,
    is_holiday,
    wall_clock,
)

SECOND = timedelta(seconds=1)
SPRING_FORWARD = date(2026, 3, 29)
FALL_BACK = date(2026, 10, 25)
# Days where something happens: DST both ways, midsommarafton, julafton, nyårsafton,
# Christmas on a Saturday (2027) and on a Sunday (2022), Easter 2026.
EDGE_DAYS = [
    SPRING_FORWARD,
    FALL_BACK,
    date(2026, 6, 19),
    date(2026, 12, 24),
    date(2026, 12, 31),
    date(2027, 12, 25),
    date(2022, 12, 25),
    date(2026, 4, 5),
]
WEEK = range(7)


def sthlm(*args) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def at(hour: int, minute: int = 0) -> time:
    return time(hour, minute)


def open_at(schedule: Schedule, moment: datetime) -> bool:
    """An independent oracle: is ``moment`` inside any single (unmerged) interval?"""
    moment = utc(moment)
    local_day = moment.astimezone(STOCKHOLM).date()
    for offset in (-2, -1, 0):
        day = local_day + timedelta(days=offset)
        for interval in schedule.intervals_on(day):
            start, end = interval.span_on(day)
            if start <= moment < end:
                return True
    return False


times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 0, 15, 30, 45, 59]))
intervals = st.builds(Interval, times, times)
day_intervals = st.lists(intervals, max_size=3).map(tuple)
weekly = st.dictionaries(st.sampled_from(list(WEEK)), day_intervals)
moments = st.builds(
    lambda day, minutes: datetime.combine(day, time(0), tzinfo=UTC) + timedelta(minutes=minutes),
    st.sampled_from(EDGE_DAYS),
    st.integers(-3 * 24 * 60, 3 * 24 * 60),
)


@st.composite
def schedules(draw):
    special = draw(
        st.lists(
            st.builds(
                SpecialDay,
                st.sampled_from(EDGE_DAYS) | st.dates(date(2026, 3, 25), date(2026, 4, 2)),
                day_intervals,
                st.sampled_from(["", "Personaldag"]),
            ),
            max_size=3,
        )
    )
    return Schedule(draw(weekly), draw(st.none() | day_intervals), special)


# --- invariants ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(schedules(), moments)
def test_status_agrees_with_the_single_interval_oracle(schedule, now):
    assert schedule.status(now).is_open == open_at(schedule, now)


@settings(max_examples=300, deadline=None)
@given(schedules(), moments)
def test_next_change_flips_the_status(schedule, now):
    status = schedule.status(now)
    change = status.next_change
    assume(change is not None)
    assert utc(change) > utc(now)
    assert schedule.status(change).is_open != status.is_open
    assert schedule.status(utc(change) - SECOND).is_open == status.is_open
    if status.is_open:
        assert status.closes_at is not None and status.opens_at is None
        # Open all the way: no gap hides between now and closes_at.
        span = utc(status.closes_at) - utc(now)
        for k in range(1, 8):
            assert open_at(schedule, utc(now) + span * k / 8)
    else:
        assert status.closes_at is None
        assert schedule.status(status.opens_at).is_open


@settings(max_examples=200, deadline=None)
@given(schedules(), moments)
def test_results_are_in_stockholm_and_independent_of_input_zone(schedule, now):
    status = schedule.status(now)
    for zone in (STOCKHOLM, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")):
        assert schedule.status(now.astimezone(zone)) == status
    for moment in (status.closes_at, status.opens_at):
        assert moment is None or moment.tzinfo is STOCKHOLM


@settings(max_examples=200, deadline=None)
@given(intervals, st.sampled_from(EDGE_DAYS) | st.dates(date(2020, 1, 1), date(2035, 12, 31)))
@example(Interval(at(2, 15), at(2, 45)), SPRING_FORWARD)
@example(Interval(at(2, 15), at(2, 45)), FALL_BACK)
def test_an_interval_lasts_its_wall_clock_length_give_or_take_the_clock_change(interval, day):
    start, end = interval.span_on(day)
    wall = datetime.combine(day, interval.end) - datetime.combine(day, interval.start)
    if interval.crosses_midnight:
        wall += timedelta(days=1)
    real = end - start
    if day in (SPRING_FORWARD - timedelta(days=1), SPRING_FORWARD):
        assert wall - timedelta(hours=1) <= real <= wall
    elif day in (FALL_BACK - timedelta(days=1), FALL_BACK):
        assert wall <= real <= wall + timedelta(hours=1)
    elif day.month not in (3, 10):
        assert real == wall


@given(weekly, moments)
def test_a_schedule_with_no_hours_is_closed_for_good(rules, now):
    closed = Schedule(dict.fromkeys(rules, ()))
    assert closed.status(now) == OpeningStatus(False)


def test_a_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        Schedule().status(datetime(2026, 1, 1, 12))


# --- midnight ------------------------------------------------------------------------------

FRIDAY_NIGHT = Schedule({4: (Interval(at(16), at(3)),)})


def test_an_interval_crossing_midnight_belongs_to_the_day_it_starts():
    saturday_night = sthlm(2026, 5, 9, 2)
    assert FRIDAY_NIGHT.status(saturday_night) == OpeningStatus(True, sthlm(2026, 5, 9, 3))
    # Saturday 16:00 does not open: the rule is Friday's.
    assert FRIDAY_NIGHT.status(sthlm(2026, 5, 9, 17)).opens_at == sthlm(2026, 5, 15, 16)


def test_touching_intervals_across_midnight_are_one_span():
    schedule = Schedule({4: (Interval(at(16), at(0)),), 5: (Interval(at(0), at(3)),)})
    status = schedule.status(sthlm(2026, 5, 8, 23, 59))
    assert status == OpeningStatus(True, closes_at=sthlm(2026, 5, 9, 3))


def test_several_intervals_a_day_and_lunch_closing():
    schedule = Schedule({0: (Interval(at(13), at(16)), Interval(at(8), at(12)))})
    assert schedule.status(sthlm(2026, 5, 11, 9)).closes_at == sthlm(2026, 5, 11, 12)
    assert schedule.status(sthlm(2026, 5, 11, 12, 30)).opens_at == sthlm(2026, 5, 11, 13)


def test_open_around_the_clock_has_no_closing_time():
    always = Schedule(dict.fromkeys(WEEK, (Interval(at(0), at(0)),)))
    status = always.status(sthlm(2026, 12, 24, 2))
    assert status.is_open and status.closes_at is None and status.next_change is None


# --- daylight saving time ------------------------------------------------------------------


def test_a_time_in_the_spring_gap_means_the_moment_the_clocks_jump():
    jump = datetime(2026, 3, 29, 1, tzinfo=UTC)  # 02:00 CET becomes 03:00 CEST
    assert wall_clock(SPRING_FORWARD, at(2, 30)) == jump
    schedule = Schedule({5: (Interval(at(22), at(2, 30)),)})
    assert utc(schedule.status(sthlm(2026, 3, 28, 23)).closes_at) == jump


def test_an_interval_inside_the_spring_gap_never_opens():
    schedule = Schedule({6: (Interval(at(2, 15), at(2, 45)),)})
    status = schedule.status(sthlm(2026, 3, 29, 0))
    assert status.opens_at == sthlm(2026, 4, 5, 2, 15)


def test_a_night_line_is_an_hour_shorter_in_spring_and_longer_in_autumn():
    night = Schedule(dict.fromkeys(WEEK, (Interval(at(22), at(6)),)))
    spring = night.status(sthlm(2026, 3, 28, 22))
    autumn = night.status(sthlm(2026, 10, 24, 22))
    assert utc(spring.closes_at) - utc(sthlm(2026, 3, 28, 22)) == timedelta(hours=7)
    assert utc(autumn.closes_at) - utc(sthlm(2026, 10, 24, 22)) == timedelta(hours=9)


def test_the_repeated_autumn_hour_opens_at_its_first_and_closes_at_its_second_pass():
    schedule = Schedule({6: (Interval(at(2, 30), at(2, 45)),)})
    first_pass = datetime(2026, 10, 25, 0, 40, tzinfo=UTC)  # 02:40 CEST
    second_pass = datetime(2026, 10, 25, 1, 40, tzinfo=UTC)  # 02:40 CET
    assert schedule.status(first_pass).is_open
    assert schedule.status(second_pass).is_open
    closes = schedule.status(first_pass).closes_at
    assert utc(closes) == datetime(2026, 10, 25, 1, 45, tzinfo=UTC)
    assert closes.fold == 1


# --- holidays ------------------------------------------------------------------------------

OFFICE = Schedule(
    {day: (Interval(at(8), at(16)),) for day in range(5)} | {5: (Interval(at(10), at(14)),)},
    holiday_intervals=(),
)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 6, 19), "Midsommarafton"),
        (date(2026, 6, 20), "Midsommardagen"),
        (date(2026, 12, 24), "Julafton"),
        (date(2027, 12, 25), "Juldagen"),
        (date(2026, 12, 31), "Nyårsafton"),
        (date(2026, 4, 5), "Påskdagen"),
        (date(2026, 1, 6), "Trettondedag jul"),
    ],
)
def test_swedish_holidays_include_the_eves(day, name):
    assert is_holiday(day)
    assert holiday_name(day) == name


@given(st.integers(0, 5000).map(lambda weeks: date(2000, 1, 2) + timedelta(weeks=weeks)))
def test_a_sunday_is_a_holiday_only_when_it_is_a_named_one(sunday):
    # The package calls every Sunday "Söndag" unless told not to.
    assert not is_holiday(date(2026, 3, 1))
    name = holiday_name(sunday)
    assert is_holiday(sunday) == (name is not None)
    assert name is None or "söndag" not in name.lower()


@given(st.integers(2000, 2100))
def test_midsommarafton_is_the_friday_between_19_and_25_june(year):
    eves = [date(year, 6, d) for d in range(19, 26) if is_holiday(date(year, 6, d))]
    fridays = [day for day in eves if day.weekday() == 4]
    assert len(fridays) == 1 and holiday_name(fridays[0]) == "Midsommarafton"


def test_an_office_is_closed_on_holiday_weekdays():
    assert not OFFICE.status(sthlm(2026, 6, 19, 10)).is_open  # Midsommarafton, a Friday
    assert not OFFICE.status(sthlm(2026, 12, 24, 10)).is_open  # Julafton, a Thursday
    # After julafton, juldagen and annandag jul comes the weekend and then Monday.
    assert OFFICE.status(sthlm(2026, 12, 23, 17)).opens_at == sthlm(2026, 12, 28, 8)


def test_christmas_day_on_a_saturday_replaces_the_saturday_hours():
    assert not OFFICE.status(sthlm(2027, 12, 25, 11)).is_open
    assert OFFICE.status(sthlm(2027, 12, 18, 11)).is_open
    holiday_hours = Schedule(OFFICE.weekly, (Interval(at(11), at(12)),))
    assert holiday_hours.status(sthlm(2027, 12, 25, 10)).opens_at == sthlm(2027, 12, 25, 11)


def test_without_a_holiday_rule_a_line_keeps_its_weekday_hours():
    line = Schedule({4: (Interval(at(8), at(20)),)})
    assert line.status(sthlm(2026, 6, 19, 12)).is_open


# --- dated exceptions ----------------------------------------------------------------------


def test_an_exception_beats_both_holiday_and_weekday_rules():
    schedule = Schedule(
        OFFICE.weekly,
        (),
        [
            SpecialDay(date(2026, 12, 24), (Interval(at(9), at(12)),), "Öppet för akuta ärenden"),
            SpecialDay(date(2026, 12, 22), (), "Personaldag"),
        ],
    )
    eve = schedule.status(sthlm(2026, 12, 24, 10))
    assert eve == OpeningStatus(True, sthlm(2026, 12, 24, 12), note="Öppet för akuta ärenden")
    closed = schedule.status(sthlm(2026, 12, 22, 10))
    assert closed == OpeningStatus(False, opens_at=sthlm(2026, 12, 23, 8), note="Personaldag")


def test_two_exceptions_for_one_date_are_one_day_with_both():
    schedule = Schedule(
        special_days=[
            SpecialDay(date(2026, 5, 11), (Interval(at(13), at(15)),), "Eftermiddag"),
            SpecialDay(date(2026, 5, 11), (Interval(at(9), at(11)),), "Förmiddag"),
        ]
    )
    assert schedule.intervals_on(date(2026, 5, 11)) == (
        Interval(at(9), at(11)),
        Interval(at(13), at(15)),
    )
    assert schedule.special_day(date(2026, 5, 11)).note == "Eftermiddag; Förmiddag"


def test_the_next_opening_is_searched_two_weeks_ahead_only():
    summer = Schedule(
        {0: (Interval(at(8), at(9)),)},
        special_days=[SpecialDay(date(2026, 7, 6) + timedelta(weeks=w), ()) for w in range(3)],
    )
    assert summer.status(sthlm(2026, 7, 6, 10)).opens_at is None
    assert summer.status(sthlm(2026, 7, 14, 10)).opens_at == sthlm(2026, 7, 27, 8)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="naive"):
        Interval(time(8, tzinfo=UTC), at(9))
    with pytest.raises(ValueError, match="weekday"):
        Schedule({7: ()})
