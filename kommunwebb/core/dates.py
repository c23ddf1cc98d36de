"""Dates and times the way Swedish public bodies write them: one module for the whole site,
its receipts and its e-mails.

The convention is the Swedish Language Council's (Språkrådet, *Myndigheternas skrivregler*),
which DIGG's web guidelines repeat (webbriktlinjer 66):

- a date in words, always with its year: "18 december 2026"; numbers only where space is short:
  "2026-12-18";
- a full stop between hours and minutes, not a colon: "kl. 9.00–15.30"; night hours keep a
  clarifying zero ("kl. 01.30");
- in lists and tables with many times, every time the same width: "09.00", "18.30";
- a range with an en dash, closed up between single words or numbers ("18–20 december 2026",
  "9.00–12.00") and with spaces when either side is several words
  ("30 november – 2 december 2026").

Templates use these through ``{% load dates %}``; nothing else formats a date for people.
Machine-readable values (``<time datetime>``, ISO 8601 in APIs and feeds) are not for people
and keep their standard forms.
"""

from datetime import date, datetime, time

from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS
from django.utils.translation import gettext

EN_DASH = "–"
# Before this hour a time keeps its leading zero in running text: "kl. 01.30" is not misread.
NIGHT_ENDS = 6


def _local(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _as_date(value: datetime | date) -> date:
    value = _local(value)
    return value.date() if isinstance(value, datetime) else value


def _as_time(value: datetime | time) -> time:
    value = _local(value)
    return value.time() if isinstance(value, datetime) else value


# Languages that write the names of months and weekdays with a capital (English does;
# Swedish, Finnish, Polish and the others of the site do not, and Arabic has no case).
CAPITALISED_NAMES = {"en"}


def _cased(name) -> str:
    name = str(name)
    return name if translation.get_language() in CAPITALISED_NAMES else name.lower()


def month_name(month: int) -> str:
    """1 -> "januari" (lower case, as Swedish writes months; "January" in English)."""
    return _cased(MONTHS[month])


def month_abbreviation(value: datetime | date) -> str:
    """ "dec", for a date badge beside the day's number (the full date is in its label)."""
    return _cased(MONTHS_3[_as_date(value).month])


def weekday_name(day: date) -> str:
    """date(2026, 12, 18) -> "fredag" ("Friday" in English)."""
    return _cased(WEEKDAYS[day.weekday()])


def clock(value: datetime | time, *, fixed: bool = False) -> str:
    """The time of day: "9.00", "13.45", "01.30" (night hours keep their zero). ``fixed``
    gives every hour two digits, for columns of times: "09.00"."""
    moment = _as_time(value)
    hour = f"{moment.hour:02d}" if fixed or moment.hour < NIGHT_ENDS else str(moment.hour)
    return f"{hour}.{moment.minute:02d}"


def closing_clock(value: datetime | time, *, fixed: bool = False) -> str:
    """A closing time: midnight is "24.00", the end of the day rather than its start."""
    if _as_time(value) == time(0):
        return "24.00"
    return clock(value, fixed=fixed)


def at_clock(value: datetime | time) -> str:
    """ "kl. 9.00", a time in running text."""
    return gettext("kl. %(time)s") % {"time": clock(value)}


def time_range(start: datetime | time, end: datetime | time, *, fixed: bool = False) -> str:
    """ "9.00–12.00" ("09.00–12.00" with ``fixed``)."""
    return f"{clock(start, fixed=fixed)}{EN_DASH}{closing_clock(end, fixed=fixed)}"


def long_date(value: datetime | date, *, year: bool = True) -> str:
    """ "18 december 2026"; without ``year`` "18 december", for headings of this year."""
    day = _as_date(value)
    text = f"{day.day} {month_name(day.month)}"
    return f"{text} {day.year}" if year else text


def weekday_date(value: datetime | date, *, year: bool = True) -> str:
    """ "fredag 18 december 2026" (lower case: capitalise where it starts a heading)."""
    day = _as_date(value)
    return f"{weekday_name(day)} {long_date(day, year=year)}"


def numeric_date(value: datetime | date) -> str:
    """ "2026-12-18", where a date in words does not fit (tables, file names)."""
    return _as_date(value).isoformat()


def numeric_datetime(value: datetime, *, seconds: bool = False) -> str:
    """ "2026-12-18 09.05" for tables and logs read by people; "09.05.30" with seconds."""
    moment = _local(value)
    text = f"{numeric_date(moment)} {clock(moment, fixed=True)}"
    return f"{text}.{moment.second:02d}" if seconds else text


def date_and_time(value: datetime) -> str:
    """ "18 december 2026 kl. 9.00"."""
    return f"{long_date(value)} {at_clock(value)}"


def date_range(first: datetime | date, last: datetime | date, *, year: bool = True) -> str:
    """The days something lasts, each part said once:

    - "18 december 2026" (one day)
    - "18–20 december 2026"
    - "30 november – 2 december 2026"
    - "30 december 2026 – 2 januari 2027"
    """
    first, last = _as_date(first), _as_date(last)
    if last < first:
        raise ValueError("a range cannot end before it starts")
    if first == last:
        return long_date(first, year=year)
    end = long_date(last, year=year)
    if first.year != last.year:
        return f"{long_date(first)} {EN_DASH} {long_date(last)}"
    if first.month != last.month:
        return f"{long_date(first, year=False)} {EN_DASH} {end}"
    return f"{first.day}{EN_DASH}{end}"


def datetime_range(start: datetime, end: datetime, *, year: bool = True) -> str:
    """When something happens, in running text:

    - "18 december 2026 kl. 9.00–12.00"
    - "18 december 2026 kl. 20.00–24.00"
    - "18 december kl. 22.00 – 19 december 2026 kl. 02.00" (across midnight)
    """
    start, end = _local(start), _local(end)
    if end < start:
        raise ValueError("a range cannot end before it starts")
    # Until midnight is the same evening: "kl. 20.00–24.00".
    ends_at_midnight = end.time() == time(0) and (end.date() - start.date()).days == 1
    if start.date() == end.date() or ends_at_midnight:
        times = gettext("kl. %(time)s") % {"time": time_range(start, end)}
        return f"{long_date(start, year=year)} {times}"
    first = long_date(start, year=year and start.year != end.year)
    return f"{first} {at_clock(start)} {EN_DASH} {long_date(end, year=year)} {at_clock(end)}"
