"""The statistics in Wagtail's admin: the dashboard, one page's statistics, CSV export.

Everything is read from the daily aggregates (``stats.py``); a year over ten million
events costs a few grouped queries. Opening these views needs the permission
``analytics.view_statistics`` ("Kan se besöksstatistik").
"""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from kommunwebb.core import dates
from kommunwebb.feedback import stats as feedback_stats
from kommunwebb.feedback.reports import PERMISSION as FEEDBACK_PERMISSION
from kommunwebb.security.spreadsheets import neutralise

from . import charts, stats
from .forms import DateRangeForm
from .models import Dimension
from .speed import BY_KEY, CORE, RATING_LABELS

PERMISSION = "analytics.view_statistics"
METRICS_SHOWN = (*CORE, BY_KEY["fcp"])


def _chart(points, unit):
    labels = [dates.long_date(point.start, year=unit != "day") for point in points]
    series = [
        charts.Series("views", _("Sidvisningar"), [point.views for point in points]),
        charts.Series("visitors", _("Besökare"), [point.visitors for point in points]),
    ]
    return charts.line_chart(labels, series)


class StatisticsView(WagtailAdminTemplateMixin, View):
    template_name = "analytics/admin/dashboard.html"
    header_icon = "table"
    page_title = gettext_lazy("Statistik")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("analytics_admin:dashboard"), "label": _("Statistik")}
        ]

    def get(self, request, *args, **kwargs):
        form = DateRangeForm(request.GET or None)
        if request.GET and not form.is_valid():
            context = self.get_context_data(form=form, invalid=True)
            return self.render_to_response(context, status=400)
        if not request.GET:
            form = DateRangeForm({})
            form.is_valid()
        start, end = form.range()
        context = self.get_context_data(
            form=form.shown(), start=start, end=end, **self.data(start, end)
        )
        return self.render_to_response(context)

    def data(self, start, end):
        points, unit = stats.series(start, end)
        summaries, histograms = stats.speed_summary(start, end)
        return {
            "points": points,
            "unit": unit,
            "chart": _chart(points, unit),
            "totals": stats.totals(start, end),
            "last_rollup": stats.last_rollup(),
            "top_pages": stats.pages(start, end, histograms),
            "referrers": stats.breakdown(Dimension.REFERRER, start, end),
            "devices": stats.breakdown(Dimension.DEVICE, start, end, limit=None),
            "viewports": stats.breakdown(Dimension.VIEWPORT, start, end, limit=None),
            "summaries": summaries,
            "slowest": stats.slowest(start, end, histograms),
            "metrics": METRICS_SHOWN,
            "ratings": RATING_LABELS,
            "query": self.request.GET.urlencode(),
            "exports": [
                ("days", _("Per dag")),
                ("pages", _("Sidor")),
                ("referrers", _("Hänvisande webbplatser")),
                ("devices", _("Enheter")),
            ],
        }


class PageStatisticsView(StatisticsView):
    template_name = "analytics/admin/page.html"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.page.title}]

    def data(self, start, end):
        points, unit = stats.page_series(self.page.pk, start, end)
        summaries, _histograms = stats.speed_summary(start, end, page_id=self.page.pk)
        return {
            "page": self.page,
            "points": points,
            "unit": unit,
            "chart": _chart(points, unit),
            "totals": {
                "views": sum(p.views for p in points),
                "visitors": sum(p.visitors for p in points),
            },
            "last_rollup": stats.last_rollup(),
            "summaries": summaries,
            "ratings": RATING_LABELS,
            "query": self.request.GET.urlencode(),
            # "Var sidan till hjälp?" for the same period, for those who may see it.
            "feedback": feedback_stats.page_summary(self.page.pk, start, end)
            if self.request.user.has_perm(FEEDBACK_PERMISSION)
            else None,
        }


EXPORTS = {"days", "pages", "referrers", "devices"}


def _safe(value):
    """Cells that a spreadsheet would read as a formula are quoted as text."""
    return neutralise("" if value is None else str(value))


def export_csv(request, what):
    if what not in EXPORTS:
        raise Http404
    form = DateRangeForm(request.GET or {})
    if not form.is_valid():
        errors = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    start, end = form.range()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statistik-{what}-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read the Swedish letters right
    writer = csv.writer(response)
    if what == "days":
        writer.writerow([_("Från"), _("Till"), _("Sidvisningar"), _("Besökare"), _("Besök")])
        points, _unit = stats.series(start, end)
        if (end - start).days + 1 > 92:
            # The export is always per day, whatever the chart groups by.
            points = stats.daily_points(start, end)
        for point in points:
            writer.writerow([point.start, point.end, point.views, point.visitors, point.sessions])
    elif what == "pages":
        header = [_("Sida"), _("Adress"), _("Sidvisningar"), _("Besökare")]
        header += [f"{metric.label} p75" for metric in METRICS_SHOWN]
        header += [_("Mätningar (LCP)")]
        writer.writerow(header)
        for row in stats.pages(start, end, limit=None):
            writer.writerow(
                [_safe(row.title), _safe(row.url), row.views, row.visitors]
                + [_format_p75(row.p75.get(m.key)) for m in METRICS_SHOWN]
                + [row.samples.get("lcp", 0)]
            )
    else:
        dimension = Dimension.REFERRER if what == "referrers" else Dimension.DEVICE
        writer.writerow([_("Webbplats") if what == "referrers" else _("Enhet"), _("Antal")])
        for label, count in stats.breakdown(dimension, start, end, limit=None):
            writer.writerow([_safe(label), count])
    return response


def _format_p75(value):
    return "" if value is None else round(value, 3)


dashboard = permission_required(PERMISSION)(StatisticsView.as_view())
page_statistics = permission_required(PERMISSION)(PageStatisticsView.as_view())
export = permission_required(PERMISSION)(export_csv)
