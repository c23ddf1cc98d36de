"""The editors' reports of what residents search for: searches that found nothing, the most
frequent searches, searches with few hits, and the suggestions taken. Counts per day only
(``stats.py``), nothing about who searched."""

from django.db.models import Max, Min, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from kommunwebb.core.dates import numeric_date
from kommunwebb.search.models import SearchQueryDay, SuggestionChoice, ZeroResultQuery


class DayColumn(Column):
    """The day a per-day count belongs to, as a date. Wagtail's DateColumn would say
    "4 timmar sedan" of a day, a moment nobody recorded."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return numeric_date(value) if value else ""


class SearchCountReportView(ReportView):
    """What the reports share: per-query counts summed over the days kept, searchable by the
    query's text, most frequent first; a column's sort falls back to the query for ties.
    Subclasses give the model, the columns and ``get_base_queryset``."""

    header_icon = "search"
    is_searchable = True
    search_fields = ["query"]
    default_ordering = "-total"
    any_permission_required = ["view"]

    @property
    def list_export(self):
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}

    def get_queryset(self):
        queryset = self.get_base_queryset()
        if self.search_query:
            queryset = queryset.filter(query__icontains=self.search_query)
        ordering = self.get_ordering()
        if ordering:
            queryset = queryset.order_by(ordering, "query")
        return queryset


class ZeroResultReportView(SearchCountReportView):
    page_title = _("Sökningar utan träffar")
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    permission_policy = ModelPermissionPolicy(ZeroResultQuery)
    columns = [
        Column("query", label=_("Sökning"), sort_key="query"),
        NumberColumn("total", label=_("Antal gånger"), sort_key="total"),
        DayColumn("last_day", label=_("Senast"), sort_key="last_day"),
    ]

    def get_base_queryset(self):
        return (
            ZeroResultQuery.objects.values("query")
            .annotate(total=Sum("count"), last_day=Max("day"))
            .order_by("-total", "query")
        )


class TopQueriesReportView(SearchCountReportView):
    """What residents search for most, with how many pages each search found."""

    page_title = _("Vanligaste sökningar")
    index_url_name = "search_top_queries"
    index_results_url_name = "search_top_queries_results"
    permission_policy = ModelPermissionPolicy(SearchQueryDay)
    columns = [
        Column("query", label=_("Sökning"), sort_key="query"),
        NumberColumn("total", label=_("Antal gånger"), sort_key="total"),
        NumberColumn("hits", label=_("Träffar senast"), sort_key="hits"),
        DayColumn("last_day", label=_("Senast"), sort_key="last_day"),
    ]

    def rows(self):
        return SearchQueryDay.objects.all()

    def get_base_queryset(self):
        return (
            self.rows()
            .values("query")
            .annotate(total=Sum("count"), hits=Min("hits"), last_day=Max("day"))
            .order_by("-total", "query")
        )


class FewHitsReportView(TopQueriesReportView):
    """Searches that found nothing or only a page or two: where a synonym, a promoted
    result or a missing page would help most."""

    page_title = _("Sökningar med få träffar")
    index_url_name = "search_few_hits"
    index_results_url_name = "search_few_hits_results"

    def rows(self):
        from kommunwebb.search.query import FEW_HITS

        return SearchQueryDay.objects.filter(hits__lt=FEW_HITS)


class SuggestionReportView(SearchCountReportView):
    """Which suggestion under the search box residents took, for what they had typed."""

    page_title = _("Valda förslag")
    index_url_name = "search_suggestions_taken"
    index_results_url_name = "search_suggestions_taken_results"
    permission_policy = ModelPermissionPolicy(SuggestionChoice)
    columns = [
        Column("query", label=_("Inskrivet"), sort_key="query"),
        Column("page__title", label=_("Valt förslag"), sort_key="page__title"),
        NumberColumn("total", label=_("Antal gånger"), sort_key="total"),
        DayColumn("last_day", label=_("Senast"), sort_key="last_day"),
    ]

    def get_base_queryset(self):
        return (
            SuggestionChoice.objects.values("query", "page__title")
            .annotate(total=Sum("count"), last_day=Max("day"))
            .order_by("-total", "query")
        )
