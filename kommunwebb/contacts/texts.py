"""The words residents read about opening hours, built from the plain rules in ``hours.py``."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext

from kommunwebb.core import dates

from .hours import STOCKHOLM, Interval, OpeningStatus, Schedule, holiday_name

# Within this many days a weekday name is unambiguous; a week or more away we give the date.
WEEKDAY_NAME_DAYS = 7
MIDNIGHT = time(0)


@dataclass(frozen=True)
class HoursRow:
    """One row of an opening-hours table: "Måndag–fredag" | "08.00–16.00"."""

    label: str
    hours: str
    note: str = ""


def status_text(status: OpeningStatus, now: datetime) -> str:
    """ "Öppet nu – stänger kl. 16.00", "Stängt – öppnar i morgon kl. 8.00" and the like."""
    today = now.astimezone(STOCKHOLM).date()
    if status.is_open:
        if status.closes_at is None:
            return gettext("Öppet dygnet runt")
        closes = status.closes_at.astimezone(STOCKHOLM)
        until = closes.astimezone(UTC) - now.astimezone(UTC)
        # Closing at midnight reads as 24.00 of the evening before, as on Swedish signs.
        day = closes.date() - timedelta(days=1) if closes.time() == MIDNIGHT else closes.date()
        values = {"time": dates.closing_clock(closes.time())}
        # "Stänger kl. 03.00" at 23.00 is clear without naming tomorrow.
        if day == today or until < timedelta(hours=24):
            return gettext("Öppet nu – stänger kl. %(time)s") % values
        if day == today + timedelta(days=1):
            return gettext("Öppet nu – stänger i morgon kl. %(time)s") % values
        values["day"] = _day_name(day, today)
        return gettext("Öppet nu – stänger %(day)s kl. %(time)s") % values
    if status.opens_at is None:
        return gettext("Stängt")
    opens = status.opens_at.astimezone(STOCKHOLM)
    values = {"time": dates.clock(opens.time())}
    if opens.date() == today:
        return gettext("Stängt – öppnar i dag kl. %(time)s") % values
    if opens.date() == today + timedelta(days=1):
        return gettext("Stängt – öppnar i morgon kl. %(time)s") % values
    values["day"] = _day_name(opens.date(), today)
    return gettext("Stängt – öppnar %(day)s kl. %(time)s") % values


def weekly_summary(schedule: Schedule) -> list[HoursRow]:
    """Rows for the weekly hours, consecutive days with equal hours grouped, holidays last."""
    rows = []
    if all(schedule.weekly[day] == schedule.weekly[0] for day in range(7)):
        rows.append(HoursRow(gettext("Alla dagar"), format_intervals(schedule.weekly[0])))
    else:
        first = 0
        for day in range(1, 8):
            if day < 7 and schedule.weekly[day] == schedule.weekly[first]:
                continue
            last = day - 1
            label = str(capfirst(WEEKDAYS[first]))
            if last != first:
                label = f"{label}–{WEEKDAYS[last]}"
            rows.append(HoursRow(label, format_intervals(schedule.weekly[first])))
            first = day
    if schedule.holiday_intervals is not None:
        rows.append(HoursRow(gettext("Helgdagar"), format_intervals(schedule.holiday_intervals)))
    return rows


def upcoming_deviations(schedule: Schedule, today: date, days: int = 30) -> list[HoursRow]:
    """Dates within ``days`` whose hours differ from an ordinary week: exceptions and holidays.

    The weekly table says "Helgdagar: Stängt", but few residents know offhand that Kristi
    himmelsfärdsdag is on Thursday; these rows name the dates.
    """
    rows = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        intervals = schedule.intervals_on(day)
        special = schedule.special_day(day)
        if special is None and intervals == schedule.weekly[day.weekday()]:
            continue
        label = capfirst(dates.weekday_date(day, year=False))
        if name := holiday_name(day):
            label = f"{label} ({name.lower()})"
        rows.append(HoursRow(label, format_intervals(intervals), special.note if special else ""))
    return rows


def format_intervals(intervals: tuple[Interval, ...]) -> str:
    if not intervals:
        return gettext("Stängt")
    if any(interval.start == interval.end == MIDNIGHT for interval in intervals):
        return gettext("Dygnet runt")
    return ", ".join(
        f"{format_time(i.start)}–{format_time(i.end, closing=True)}" for i in intervals
    )


def format_time(moment: time, *, closing: bool = False) -> str:
    """ "08.00" in the hours table, where every time has the same width; a closing at
    midnight is "24.00", the end of the day rather than its start."""
    if closing:
        return dates.closing_clock(moment, fixed=True)
    return dates.clock(moment, fixed=True)


def _day_name(day: date, today: date) -> str:
    if (day - today).days < WEEKDAY_NAME_DAYS:
        return str(WEEKDAYS[day.weekday()])
    return dates.long_date(day, year=False)
