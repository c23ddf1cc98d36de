"""Page feedback for editors, site-wide: the pages with most "Nej" and the latest
comments, for a period, with CSV and Excel export (Wagtail's report views). Opening them
needs the permission "Kan se sidrespons" (``feedback.view_feedback``)."""

from datetime import timedelta

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from kommunwebb.core import dates

from . import stats
from .models import PageFeedback

PERMISSION = "feedback.view_feedback"
PERIODS = {"30": 30, "90": 90, "365": 365}
DEFAULT_PERIOD = "30"


class PeriodFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=[
            ("30", _("De senaste 30 dagarna")),
            ("90", _("De senaste 90 dagarna")),
            ("365", _("De senaste 12 månaderna")),
        ],
        empty_label=None,
        method="filter_period",
    )

    class Meta:
        model = PageFeedback
        fields = ["period"]

    def filter_period(self, queryset, name, value):
        return queryset  # the views read the period themselves (it shapes the query)


class PeriodMixin:
    filterset_class = PeriodFilterSet

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        if data.get("period") not in PERIODS:
            data["period"] = DEFAULT_PERIOD
        return {**super().get_filterset_kwargs(), "data": data}

    def period(self):
        today = timezone.localdate()
        days = PERIODS.get(self.request.GET.get("period", ""), PERIODS[DEFAULT_PERIOD])
        return today - timedelta(days=days - 1), today


def _edit_url(row):
    from django.urls import reverse

    return reverse("wagtailadmin_pages:edit", args=[row["page_id"]])


class PagesByNoView(PeriodMixin, ReportView):
    page_title = _("Sidrespons")
    header_icon = "comment"
    index_url_name = "feedback_admin:pages"
    index_results_url_name = "feedback_admin:pages_results"
    columns = [
        TitleColumn("page__title", label=_("Sida"), get_url=_edit_url),
        NumberColumn("no", label=_("Nej")),
        NumberColumn("yes", label=_("Ja")),
        Column("yes_share", label=_("Andel ja")),
        NumberColumn("comments", label=_("Kommentarer")),
    ]
    list_export = ["page__title", "page__url_path", "no", "yes", "yes_share", "comments"]
    export_headings = {
        "page__title": _("Sida"),
        "page__url_path": _("Sökväg i sidträdet"),
        "no": _("Nej"),
        "yes": _("Ja"),
        "yes_share": _("Andel ja"),
        "comments": _("Kommentarer"),
    }

    def get_filename(self):
        start, end = self.period()
        return f"sidrespons-{start.isoformat()}-{end.isoformat()}"

    def get_queryset(self):
        return stats.pages_by_no(*self.period())

    def decorate_paginated_queryset(self, rows):
        rows = list(rows)
        for row in rows:
            answers = row["yes"] + row["no"]
            row["yes_share"] = f"{round(100 * row['yes'] / answers)} %" if answers else "–"
        return rows


class CommentsView(PeriodMixin, ReportView):
    page_title = _("Kommentarer om sidor")
    header_icon = "comment"
    index_url_name = "feedback_admin:comments"
    index_results_url_name = "feedback_admin:comments_results"
    columns = [
        Column("commented_on", label=_("Datum")),
        TitleColumn("page_title", label=_("Sida"), get_url=lambda row: row.edit_url),
        Column("answer", label=_("Svar")),
        Column("comment", label=_("Kommentar")),
    ]
    list_export = ["commented_on", "page_title", "answer", "comment"]
    export_headings = {
        "commented_on": _("Datum"),
        "page_title": _("Sida"),
        "answer": _("Svar"),
        "comment": _("Kommentar"),
    }

    def get_filename(self):
        start, end = self.period()
        return f"kommentarer-{start.isoformat()}-{end.isoformat()}"

    def get_queryset(self):
        return stats.recent_comments(*self.period())

    def decorate_paginated_queryset(self, rows):
        from django.urls import reverse

        for row in rows:
            row.commented_on = dates.numeric_datetime(row.commented_at)
            row.page_title = row.page.title
            row.answer = _("Ja") if row.helpful else _("Nej")
            row.edit_url = reverse("wagtailadmin_pages:edit", args=[row.page_id])
        return rows
