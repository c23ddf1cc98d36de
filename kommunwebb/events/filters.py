"""The calendar's filters: a plain GET form, so every filtered view has an address to share and
the page cache keeps each one (its key includes the normalised query string).

?period=i-helgen&malgrupp=barn&gratis=1 is "free events for children this weekend". A value the
form does not know gives a Swedish message and status 400 (EventIndexPage.serve), never a 500.
"""

import calendar
from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .vocabulary import ACCESSIBILITY, AUDIENCES

TODAY, WEEKEND, MONTH = "i-dag", "i-helgen", "denna-manad"
PERIODS = [
    ("", _("Alla kommande")),
    (TODAY, _("I dag")),
    (WEEKEND, _("I helgen")),
    (MONTH, _("Denna månad")),
]
SATURDAY = 5


def period_days(period: str, today: date) -> tuple[date, date]:
    """The first and last day a named period covers. "I helgen" is the coming Saturday and
    Sunday, or what is left of the weekend when today is one of them."""
    if period == TODAY:
        return today, today
    if period == WEEKEND:
        saturday = today + timedelta(days=max(SATURDAY - today.weekday(), -1))
        return max(saturday, today), saturday + timedelta(days=1)
    if period == MONTH:
        last = calendar.monthrange(today.year, today.month)[1]
        return today, today.replace(day=last)
    raise ValueError(f"unknown period {period!r}")


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the first day's midnight to the midnight after the last, in local time."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=tz),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz),
    )


DATE_ERROR = _("Skriv datumet som år-månad-dag, till exempel 2026-12-18.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value):
        # A date input holds a valid date or nothing: what could not be read is named in
        # the error message instead (HTML forbids any other value).
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class CalendarFilter(forms.Form):
    period = forms.ChoiceField(
        label=_("När"), choices=PERIODS, required=False, widget=forms.RadioSelect
    )
    fran = forms.DateField(
        label=_("Från och med"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages={"invalid": DATE_ERROR},
    )
    till = forms.DateField(
        label=_("Till och med"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages={"invalid": DATE_ERROR},
    )
    kategori = forms.MultipleChoiceField(
        label=_("Kategori"), required=False, widget=forms.CheckboxSelectMultiple
    )
    malgrupp = forms.MultipleChoiceField(
        label=_("För vem"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(slug, label) for slug, (_field, label) in AUDIENCES.items()],
    )
    gratis = forms.BooleanField(label=_("Bara gratis evenemang"), required=False)
    tillganglighet = forms.MultipleChoiceField(
        label=_("Tillgänglighet"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(slug, label) for slug, (_field, label) in ACCESSIBILITY.items()],
    )

    def __init__(self, data, *, today: date, categories):
        # Only the filter's own parameters: "sida" and campaign tags are not the form's.
        own = QueryDict(mutable=True)
        for key in data:
            if key in self.base_fields:
                own.setlist(key, data.getlist(key))
        super().__init__(own)
        self.today = today
        self.fields["kategori"].choices = [(c.slug, c.name) for c in categories]
        unknown = _("”%(value)s” finns inte bland valen. Välj något av alternativen i listan.")
        for name in ("period", "kategori", "malgrupp", "tillganglighet"):
            self.fields[name].error_messages["invalid_choice"] = unknown

    def clean(self):
        cleaned = super().clean()
        period, first, last = cleaned.get("period"), cleaned.get("fran"), cleaned.get("till")
        if period and (first or last):
            raise forms.ValidationError(
                _("Välj antingen en period eller egna datum, inte båda."), code="both"
            )
        if first and last and last < first:
            self.add_error("till", _("Till och med kan inte vara före från och med."))
        return cleaned

    @property
    def chosen_count(self) -> int:
        """How many choices the visitor made, for the filter's summary ("3 val")."""
        if not self.is_bound:
            return 0
        return sum(1 for name in self.fields for value in self.data.getlist(name) if value)

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def days(self) -> tuple[date, date | None] | None:
        """The days asked for (the last one None for "from then on"), or None for everything
        upcoming. Days before today are not asked for: the calendar shows what is ahead."""
        data = self.cleaned_data
        if data.get("period"):
            return period_days(data["period"], self.today)
        first, last = data.get("fran"), data.get("till")
        if not (first or last):
            return None
        first = max(first or self.today, self.today)
        return first, max(first, last) if last else None

    def filter_events(self, events):
        data = self.cleaned_data
        if data.get("kategori"):
            events = events.filter(categories__slug__in=data["kategori"])
        if data.get("malgrupp"):
            wanted = Q()
            for slug in data["malgrupp"]:
                wanted |= Q(**{AUDIENCES[slug][0]: True})
            events = events.filter(wanted)
        if data.get("gratis"):
            events = events.filter(Q(price__isnull=True) | Q(price=0))
        for slug in data.get("tillganglighet") or []:
            events = events.filter(**{ACCESSIBILITY[slug][0]: True})
        return events

    def filter_occurrences(self, occurrences):
        days = self.days()
        if days is None:
            return occurrences
        first, last = days
        start, end = day_bounds(first, last or first)
        occurrences = occurrences.filter(end__gt=start)
        return occurrences.filter(start__lt=end) if last else occurrences

    def first_day(self) -> date | None:
        """Where the listing's day headings start: an event that began before the period and
        goes on into it is listed under the period's first day."""
        days = self.days() if self.is_valid() else None
        return days[0] if days else None
