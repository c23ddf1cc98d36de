"""The dashboard's date range: a preset period or two dates, checked with Swedish messages."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from kommunwebb.core import dates

from . import rollup

PERIODS = {
    "7": (_("Senaste 7 dagarna"), 7),
    "30": (_("Senaste 30 dagarna"), 30),
    "90": (_("Senaste 90 dagarna"), 90),
    "365": (_("Senaste 12 månaderna"), 365),
}
DEFAULT_PERIOD = "30"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateRangeForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[(key, label) for key, (label, _days) in PERIODS.items()]
        + [("custom", _("Välj datum"))],
        error_messages={"invalid_choice": _("Välj en av perioderna i listan.")},
    )
    start = forms.DateField(
        label=_("Från och med"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.")},
    )
    end = forms.DateField(
        label=_("Till och med"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31.")},
    )

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or rollup.local_today()

    def earliest(self) -> date:
        return rollup.months_before(self.today, rollup.aggregate_retention_months())

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        start, end = data.get("start"), data.get("end")
        period = data.get("period") or ""
        if period not in PERIODS and (start or end or period == "custom"):
            if not start or not end:
                raise forms.ValidationError(_("Ange både ett start- och ett slutdatum."))
            if start > end:
                raise forms.ValidationError(
                    _("Startdatumet måste vara samma dag som eller före slutdatumet.")
                )
            if end > self.today:
                self.add_error("end", _("Slutdatumet kan inte ligga i framtiden."))
            earliest = self.earliest()
            if start < earliest:
                self.add_error(
                    "start",
                    _(
                        "Statistiken sparas i %(months)s månader. Välj ett startdatum från "
                        "och med %(date)s."
                    )
                    % {
                        "months": rollup.aggregate_retention_months(),
                        "date": dates.long_date(earliest),
                    },
                )
            data["period"] = "custom"
        else:
            period = period if period in PERIODS else DEFAULT_PERIOD
            days = PERIODS[period][1]
            data.update(period=period, start=self.today - timedelta(days=days - 1), end=self.today)
        return data

    def shown(self) -> DateRangeForm:
        """An unbound copy that shows the period in effect: the default when none was
        chosen, and the dates of a preset period."""
        return DateRangeForm(initial=self.cleaned_data, today=self.today)

    def range(self) -> tuple[date, date]:
        return self.cleaned_data["start"], self.cleaned_data["end"]
