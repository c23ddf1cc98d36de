"""Opening hours as plain rules: weekly hours, Swedish public holidays and dated exceptions.

Nothing here touches Django or the database, so the edges (midnight, DST, holidays) can be
tested with hypothesis at full speed. The Swedish texts built from these results live in
``texts.py``.

Which rule applies to a date, most specific first: a dated exception, then the holiday rule (if
the schedule has one and the date is a holiday), then the weekday rule.

An interval is wall-clock time in Stockholm on the date it starts. Twice a year that clock is not
a plain line, and we read it like this:

- Spring (last Sunday in March): 02:00–03:00 does not exist. A time in that gap means 03:00, the
  first moment the clock shows after the jump, so "closes 02:30" closes when the clocks go forward
  and an interval lying entirely inside the gap is empty.
- Autumn (last Sunday in October): 02:00–03:00 happens twice. An opening time in that hour means
  its first occurrence and a closing time its second, so the span covers every moment the wall
  clock shows a time inside it.

Aware datetimes that share a tzinfo compare and subtract by wall clock, ignoring ``fold``, which
is wrong in the repeated hour. So everything is computed in UTC and only converted to Stockholm
time on the way out; compare results in UTC (or with a different tzinfo) if it matters.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# How far ahead to look for the next opening or closing. Two weeks covers Christmas and New Year.
HORIZON_DAYS = 14

Span = tuple[datetime, datetime]


@dataclass(frozen=True, order=True)
class Interval:
    """Open from ``start`` to ``end`` on the day it belongs to.

    ``end <= start`` runs into the next day: 16:00–03:00 closes at 03:00 the morning after,
    16:00–00:00 closes at midnight and 00:00–00:00 is the whole day.
    """

    start: time
    end: time

    def __post_init__(self):
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("Interval times are wall-clock times and must be naive")

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def span_on(self, day: date) -> Span:
        """The interval on ``day`` as a (start, end) pair of UTC datetimes; may be empty."""
        end_day = day + timedelta(days=1) if self.crosses_midnight else day
        return wall_clock(day, self.start, first=True), wall_clock(end_day, self.end, first=False)


@dataclass(frozen=True)
class SpecialDay:
    """Hours for one date that override the weekday and holiday rules; no intervals = closed."""

    day: date
    intervals: tuple[Interval, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class OpeningStatus:
    """Whether a place is open at one moment, and when that changes.

    ``closes_at`` is None while open when no closing was found within the horizon (a 24/7 line);
    ``opens_at`` is None while closed when no opening was found. Both are in Stockholm time.
    """

    is_open: bool
    closes_at: datetime | None = None
    opens_at: datetime | None = None
    note: str = ""

    @property
    def next_change(self) -> datetime | None:
        """The next moment the status flips, or None if not within the horizon (for caching)."""
        return self.closes_at if self.is_open else self.opens_at


@dataclass(frozen=True)
class Schedule:
    """Weekly hours, holiday hours and dated exceptions for one place.

    ``weekly`` maps weekday (0 = Monday) to intervals; a missing day is closed.
    ``holiday_intervals`` None means holidays follow the weekday rule (a line open every day);
    a tuple, possibly empty for closed, replaces the weekday rule on holidays.
    """

    weekly: Mapping[int, Iterable[Interval]] = field(default_factory=dict)
    holiday_intervals: tuple[Interval, ...] | None = None
    special_days: Iterable[SpecialDay] = ()
    _by_date: dict[date, SpecialDay] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        if any(day not in range(7) for day in self.weekly):
            raise ValueError("weekly keys are weekdays, 0 (Monday) to 6 (Sunday)")
        weekly = tuple(tuple(sorted(self.weekly.get(day, ()))) for day in range(7))
        by_date: dict[date, SpecialDay] = {}
        for special in self.special_days:
            intervals, notes = tuple(special.intervals), [special.note]
            # Two entries for one date are read as one day with both sets of hours.
            if earlier := by_date.get(special.day):
                intervals, notes = earlier.intervals + intervals, [earlier.note, *notes]
            note = "; ".join(dict.fromkeys(note for note in notes if note))
            by_date[special.day] = SpecialDay(special.day, tuple(sorted(intervals)), note)
        # Normalise to immutable tuples so a schedule can be shared and cached safely.
        object.__setattr__(self, "weekly", dict(enumerate(weekly)))
        object.__setattr__(self, "special_days", tuple(by_date.values()))
        object.__setattr__(self, "_by_date", by_date)
        if self.holiday_intervals is not None:
            object.__setattr__(self, "holiday_intervals", tuple(sorted(self.holiday_intervals)))

    @property
    def is_empty(self) -> bool:
        """True if no rule ever opens (exceptions may still do)."""
        return not any(self.weekly.values()) and not self.holiday_intervals

    def special_day(self, day: date) -> SpecialDay | None:
        return self._by_date.get(day)

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        """The intervals that start on ``day`` after exceptions and holidays are applied."""
        if special := self._by_date.get(day):
            return special.intervals
        if self.holiday_intervals is not None and is_holiday(day):
            return self.holiday_intervals
        return self.weekly[day.weekday()]

    def spans(self, first: date, last: date) -> list[Span]:
        """Merged open spans (UTC) of intervals starting from ``first`` through ``last``.

        Overlapping and touching spans become one, so 16:00–00:00 followed by 00:00–03:00 is a
        single span and the status never "flips" at midnight.
        """
        raw = []
        day = first
        while day <= last:
            raw.extend(interval.span_on(day) for interval in self.intervals_on(day))
            day += timedelta(days=1)
        merged: list[Span] = []
        for start, end in sorted(raw):
            if end <= start:
                continue  # swallowed by the spring-forward gap
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def status(self, now: datetime, horizon_days: int = HORIZON_DAYS) -> OpeningStatus:
        """Open or closed at ``now`` (an aware datetime in any time zone), and until when."""
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be an aware datetime")
        now = now.astimezone(UTC)
        today = now.astimezone(STOCKHOLM).date()
        special = self._by_date.get(today)
        note = special.note if special else ""
        last = today + timedelta(days=horizon_days)
        # Beyond this the next day's intervals (unknown here) could extend a span.
        known_until = wall_clock(last + timedelta(days=1), time(0))
        # Yesterday's intervals may run past midnight into today.
        for start, end in self.spans(today - timedelta(days=1), last):
            if end <= now:
                continue
            if start <= now:
                closes_at = _local(end) if end < known_until else None
                return OpeningStatus(True, closes_at=closes_at, note=note)
            return OpeningStatus(False, opens_at=_local(start), note=note)
        return OpeningStatus(False, note=note)


def wall_clock(day: date, at: time, *, first: bool = True) -> datetime:
    """The UTC moment the Stockholm clock shows ``at`` on ``day``.

    In the repeated autumn hour ``first`` picks the first occurrence, otherwise the second. In
    the spring gap the answer is the moment the clocks jump (see the module docstring).
    """
    naive = datetime.combine(day, at)
    earlier = naive.replace(tzinfo=STOCKHOLM, fold=0).astimezone(UTC)
    later = naive.replace(tzinfo=STOCKHOLM, fold=1).astimezone(UTC)
    if earlier == later:
        return earlier
    if earlier.astimezone(STOCKHOLM).replace(tzinfo=None) == naive:  # repeated hour
        return earlier if first else later
    return _jump_between(later, earlier)


def _jump_between(before: datetime, after: datetime) -> datetime:
    """The first second (UTC) with the new offset; zoneinfo does not expose its transitions."""
    low, high = int(before.timestamp()), int(after.timestamp())
    offset_before = before.astimezone(STOCKHOLM).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, STOCKHOLM).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _local(moment: datetime) -> datetime:
    return moment.astimezone(STOCKHOLM)


@lru_cache(maxsize=32)
def _holidays_in(year: int) -> dict[date, str]:
    # Sundays count as holidays in the package unless told otherwise, and the eves that
    # everyone takes off (midsommarafton, julafton, nyårsafton) are its "de facto" category.
    calendar = holidays.Sweden(
        years=year,
        include_sundays=False,
        categories=(holidays.PUBLIC, holidays.DE_FACTO),
        language="sv",
    )
    return dict(calendar.items())


def is_holiday(day: date) -> bool:
    """A Swedish public holiday or one of the eves treated as one; Sundays as such are not."""
    return day in _holidays_in(day.year)


def holiday_name(day: date) -> str | None:
    """The holiday's Swedish name ("Julafton"), or None."""
    return _holidays_in(day.year).get(day)
