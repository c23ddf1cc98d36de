"""How an event page tells when the event happens, from its occurrences. No database: the
occurrences are given, so the rules are easy to test.

Three shapes, as residents think of them:

- one time: "12 november 2026 kl. 19.00–21.00", and no list below;
- a run of days (a market on three days, a festival week): "18–20 december 2026", then the
  opening times day by day ("Öppettider"), or the programme when each day has a title;
- a series of separate dates: the next one, and every date below ("Alla tillfällen").
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kommunwebb.core import dates


@dataclass(frozen=True)
class Row:
    occurrence: object
    label: str
    times: str
    is_past: bool


class Schedule:
    def __init__(self, occurrences: list, now: datetime):
        self.occurrences = sorted(occurrences, key=lambda o: (o.start, o.pk or 0))
        self.now = now

    @property
    def upcoming(self) -> list:
        return [o for o in self.occurrences if o.end > self.now]

    @property
    def is_past(self) -> bool:
        return not self.upcoming

    @property
    def is_run_of_days(self) -> bool:
        """Several occurrences on consecutive days, one a day: one event over several days."""
        if len(self.occurrences) < 2 or any(o.is_multi_day for o in self.occurrences):
            return False
        days = [o.first_day for o in self.occurrences]
        return all(b - a == timedelta(days=1) for a, b in zip(days, days[1:], strict=False))

    @property
    def shows_list(self) -> bool:
        """A list of dates only when there is more than one."""
        return len(self.occurrences) > 1

    @property
    def summary(self) -> str:
        """What "När" says."""
        if not self.occurrences:
            return ""
        if self.is_run_of_days:
            return dates.date_range(self.occurrences[0].first_day, self.occurrences[-1].last_day)
        if len(self.occurrences) == 1:
            return self.occurrences[0].when
        upcoming = self.upcoming
        return (upcoming or self.occurrences)[0].when

    @property
    def heading(self) -> str:
        if self.is_run_of_days:
            if any(o.title for o in self.occurrences):
                return str(_("Program"))
            return str(_("Öppettider"))
        return str(_("Alla tillfällen"))

    @property
    def rows(self) -> list[Row]:
        if self.is_run_of_days:
            return [
                Row(
                    occurrence=o,
                    label=capfirst(dates.weekday_date(o.first_day, year=False)),
                    times=o.time_of_day,
                    is_past=o.end <= self.now,
                )
                for o in self.occurrences
            ]
        return [
            Row(occurrence=o, label=o.when, times="", is_past=o.end <= self.now)
            for o in self.occurrences
        ]


def place_text(venue: str, address: str) -> str:
    """The venue and its address, the venue said once: "Rådhustorget" at
    "Rådhustorget, Sundhamn" is "Rådhustorget, Sundhamn"."""
    venue, address = venue.strip(), address.strip()
    if venue and address.casefold().startswith(venue.casefold()):
        return address
    return ", ".join(part for part in (venue, address) if part)
