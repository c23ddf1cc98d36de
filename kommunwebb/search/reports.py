"""The editors' report of searches that found nothing: what residents looked for and the
site did not have, most frequent first."""

from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from kommunwebb.search.models import ZeroResultQuery


class ZeroResultReportView(ReportView):
    page_title = _("Sökningar utan träffar")
    header_icon = "search"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    is_searchable = True
    search_fields = ["query"]
    default_ordering = "-total"
    permission_policy = ModelPermissionPolicy(ZeroResultQuery)
    any_permission_required = ["view"]
    columns = [
        Column("query", label=_("Sökning"), sort_key="query"),
        NumberColumn("total", label=_("Antal gånger"), sort_key="total"),
        DateColumn("last_day", label=_("Senast"), sort_key="last_day"),
    ]
    list_export = ["query", "total", "last_day"]
    export_headings = {"query": _("Sökning"), "total": _("Antal gånger"), "last_day": _("Senast")}

    def get_base_queryset(self):
        return (
            ZeroResultQuery.objects.values("query")
            .annotate(total=Sum("count"), last_day=Max("day"))
            .order_by("-total", "query")
        )

    def get_queryset(self):
        queryset = self.get_base_queryset()
        if self.search_query:
            queryset = queryset.filter(query__icontains=self.search_query)
        ordering = self.get_ordering()
        if ordering:
            queryset = queryset.order_by(ordering, "query")
        return queryset
