"""iCalendar (RFC 5545) for events: one event's occurrences, or every event as a calendar
residents can subscribe to. Times are written in Europe/Stockholm with its VTIMEZONE, so
a calendar program shows them right on both sides of a daylight-saving change."""

from datetime import date, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vText

STOCKHOLM = "Europe/Stockholm"
PRODID = "-//Kommunwebb//Evenemang//SV"


@lru_cache(maxsize=16)
def _vtimezone(first_year: int, last_year: int) -> Timezone:
    # Only the transitions the calendar needs: the whole zone history would be hundreds
    # of lines.
    return Timezone.from_tzid(
        STOCKHOLM, first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31)
    )


def new_calendar(name: str, *, description: str = "", ttl: timedelta | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", STOCKHOLM)
    if description:
        calendar.add("x-wr-caldesc", description)
    if ttl:
        # How often a subscribed calendar program should fetch again.
        calendar.add("refresh-interval", ttl, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", ttl)
    return calendar


def occurrence_event(occurrence, *, url: str, host: str, stamp) -> Event:
    """One VEVENT for one occurrence. The UID is stable, so a subscriber's copy of an
    occurrence is updated, not duplicated, when the editor changes it."""
    page = occurrence.event
    tz = ZoneInfo(STOCKHOLM)
    event = Event()
    event.add("uid", f"kommunwebb-occurrence-{occurrence.pk}@{host}")
    event.add("dtstamp", stamp)
    summary = page.title
    if occurrence.title:
        summary = f"{page.title}: {occurrence.title}"
    event.add("summary", summary)
    if occurrence.all_day:
        # DTEND of an all-day event is the day after the last one (exclusive).
        event.add("dtstart", timezone.localtime(occurrence.start, tz).date())
        event.add("dtend", timezone.localtime(occurrence.end, tz).date() + timedelta(days=1))
    else:
        event.add("dtstart", timezone.localtime(occurrence.start, tz))
        event.add("dtend", timezone.localtime(occurrence.end, tz))
    description = [page.lead]
    if getattr(page, "organiser", ""):
        description.append(_("Arrangör: %(organiser)s") % {"organiser": page.organiser})
    if url:
        description.append(url)
    event.add("description", "\n\n".join(part for part in description if part))
    location = ", ".join(part for part in (page.venue, page.address) if part)
    if location:
        event.add("location", vText(location))
    if url:
        event.add("url", url)
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def build_calendar(occurrences, *, name: str, page_url, description: str = "", ttl=None):
    """A calendar of the given occurrences. ``page_url(event_page)`` gives each event's
    full URL."""
    calendar = new_calendar(name, description=description, ttl=ttl)
    occurrences = list(occurrences)
    stamp = timezone.now().replace(microsecond=0)
    years = []
    for occurrence in occurrences:
        url = page_url(occurrence.event) or ""
        host = urlsplit(url).hostname or "kommunwebb"
        calendar.add_component(occurrence_event(occurrence, url=url, host=host, stamp=stamp))
        years += [timezone.localtime(o).year for o in (occurrence.start, occurrence.end)]
    if any(not occurrence.all_day for occurrence in occurrences):
        calendar.subcomponents.insert(0, _vtimezone(min(years) - 1, max(years) + 1))
    return calendar
