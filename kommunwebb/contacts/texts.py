"""The words residents read about opening hours, built from the plain rules in ``hours.py``."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from .hours import STOCKHOLM, Interval, OpeningStatus, Schedule, holiday_name

# Within this many days a weekday name is unambiguous; a week or more away we give the date.
WEEKDAY_NAME_DAYS = 7
MIDNIGHT = time(0)


@dataclass(frozen=True)
class HoursRow:
    """One row of an opening-hours table: "Måndag–fredag" | "08:00–16:00"."""

    label: str
    hours: str
    note: str = ""


def status_text(status: OpeningStatus, now: datetime) -> str:
    """ "Öppet nu – stänger 16:00", "Stängt – öppnar i morgon 08:00" and the like."""
    today = now.astimezone(STOCKHOLM).date()
    if status.is_open:
        if status.closes_at is None:
            return gettext("Öppet dygnet runt")
        closes = status.closes_at.astimezone(STOCKHOLM)
        until = closes.astimezone(UTC) - now.astimezone(UTC)
        # Closing at midnight reads as 24:00 of the evening before, as on Swedish signs.
        day = closes.date() - timedelta(days=1) if closes.time() == MIDNIGHT else closes.date()
        values = {"time": format_time(closes.time(), closing=True)}
        # "Stänger 03:00" at 23:00 is clear without naming tomorrow.
        if day == today or until < timedelta(hours=24):
            return gettext("Öppet nu – stänger %(time)s") % values
        if day == today + timedelta(days=1):
            return gettext("Öppet nu – stänger i morgon %(time)s") % values
        values["day"] = _day_name(day, today)
        return gettext("Öppet nu – stänger %(day)s %(time)s") % values
    if status.opens_at is None:
        return gettext("Stängt")
    opens = status.opens_at.astimezone(STOCKHOLM)
    values = {"time": format_time(opens.time())}
    if opens.date() == today:
        return gettext("Stängt – öppnar i dag %(time)s") % values
    if opens.date() == today + timedelta(days=1):
        return gettext("Stängt – öppnar i morgon %(time)s") % values
    values["day"] = _day_name(opens.date(), today)
    return gettext("Stängt – öppnar %(day)s %(time)s") % values


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
        label = str(capfirst(date_format(day, "l j F")))
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
    """ "08:00"; a closing at midnight is "24:00", the end of the day rather than its start."""
    if closing and moment == MIDNIGHT:
        return "24:00"
    return f"{moment:%H:%M}"


def _day_name(day: date, today: date) -> str:
    if (day - today).days < WEEKDAY_NAME_DAYS:
        return str(WEEKDAYS[day.weekday()])
    return date_format(day, "j F")
