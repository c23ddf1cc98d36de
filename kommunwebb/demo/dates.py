"""Date arithmetic for the demo: everything is relative to the day the demo is loaded, so the
news looks recent and the events are always ahead. Plain functions, no database."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import translation

from kommunwebb.core.dates import long_date

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def coming_december(today: date) -> int:
    """The year of the next December that has not started: this year's before 1 December."""
    return today.year if today < date(today.year, 12, 1) else today.year + 1


def first_monday_of_december(year: int) -> date:
    first = date(year, 12, 1)
    return first + timedelta(days=-first.weekday() % 7)


def next_weekday(today: date, weekday: int, at_least_days: int) -> date:
    """The first given weekday (0 = Monday) at least ``at_least_days`` after today."""
    day = today + timedelta(days=at_least_days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def weekend_saturday(today: date) -> date:
    """The Saturday of the coming weekend; on a Sunday, yesterday (this weekend's)."""
    return today + timedelta(days=5 - today.weekday() if today.weekday() < 6 else -1)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)


def swedish_date(day: date) -> str:
    """date(2026, 11, 26) -> "26 november 2026", in Swedish whatever language is active."""
    with translation.override("sv"):
        return long_date(day)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based) given weekday (0 = Monday) of a month: the third Thursday."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def monthly_meetings(
    today: date, weekday: int, nth: int, past: int = 3, future: int = 3, skip_months=(7,)
) -> tuple[list[date], list[date]]:
    """A body that meets on the nth weekday of every month but July: its last ``past``
    meeting days before today and its next ``future`` ones after today (a meeting today is
    neither, so the demo never shows one that is half over)."""
    days = []
    for offset in range(-past - 3, future + 4):
        month_index = today.year * 12 + today.month - 1 + offset
        year, month = divmod(month_index, 12)
        if month + 1 not in skip_months:
            days.append(nth_weekday(year, month + 1, weekday, nth))
    before = [day for day in days if day < today][-past:]
    after = [day for day in days if day > today][:future]
    return before, after
