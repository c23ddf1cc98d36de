"""Every date and time a template shows, in the one Swedish style of ``core/dates.py``.

``{% load dates %}``, then ``{{ page.first_published_at|long_date }}``,
``{% date_range first last %}`` and so on. Django's own ``date`` and ``time`` filters are not
used in templates (a test holds this): they would let each template pick its own format.
"""

from functools import wraps

from django import template
from django.utils import timezone

from kommunwebb.core import dates

register = template.Library()


def _safe(fn):
    """An empty value (no publishing date yet) shows nothing rather than failing the page."""

    @wraps(fn)  # Django checks a filter's arguments on the function it wraps
    def wrapper(value, *args, **kwargs):
        if value in (None, ""):
            return ""
        return fn(value, *args, **kwargs)

    return wrapper


@register.filter
@_safe
def long_date(value, year=True):
    """ "18 december 2026"; ``|long_date:False`` leaves the year out."""
    return dates.long_date(value, year=bool(year))


@register.filter
@_safe
def weekday_date(value, year=True):
    """ "fredag 18 december 2026"."""
    return dates.weekday_date(value, year=bool(year))


@register.filter
@_safe
def month_abbreviation(value):
    """ "dec" for a date badge."""
    return dates.month_abbreviation(value)


@register.filter
@_safe
def numeric_date(value):
    return dates.numeric_date(value)


@register.filter
@_safe
def numeric_datetime(value, seconds=False):
    """ "2026-12-18 09.05" for tables in the admin."""
    return dates.numeric_datetime(value, seconds=bool(seconds))


@register.filter
@_safe
def clock(value, fixed=False):
    """ "9.00"; ``|clock:"fixed"`` gives "09.00" for columns of times."""
    return dates.clock(value, fixed=bool(fixed))


@register.filter
@_safe
def at_clock(value):
    """ "kl. 9.00"."""
    return dates.at_clock(value)


@register.filter
@_safe
def date_and_time(value):
    """ "18 december 2026 kl. 9.00"."""
    return dates.date_and_time(value)


@register.simple_tag
def date_range(first, last, year=True):
    """ "18–20 december 2026"."""
    return dates.date_range(first, last, year=year)


@register.simple_tag
def time_range(start, end, fixed=False):
    """ "9.00–12.00"."""
    return dates.time_range(start, end, fixed=fixed)


@register.simple_tag
def datetime_range(start, end, year=True):
    """ "18 december 2026 kl. 9.00–12.00"."""
    return dates.datetime_range(start, end, year=year)


@register.filter
@_safe
def date_attr(value):
    """A ``<time datetime>`` value for a day: "2026-12-18" (machine-readable, local day)."""
    return dates.numeric_date(value)


@register.filter
@_safe
def datetime_attr(value):
    """A ``<time datetime>`` value in local time, to the second: "2026-11-12T10:00:00+01:00".
    (Django's "c" format adds microseconds, which HTML does not allow.)"""
    return timezone.localtime(value).isoformat(timespec="seconds")
