"""The site-wide report "Brutna länkar", with CSV and Excel export (Wagtail's report view),
and the same list for one page (``?sida=<id>``), linked from the page's edit view."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ExternalLink
from .problems import BROKEN, problems


class LinkFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Typ av länk"),
        choices=[("internal", _("Interna")), ("external", _("Externa"))],
        empty_label=_("Alla länkar"),
        method="noop",
    )
    severity = django_filters.ChoiceFilter(
        label=_("Allvar"),
        choices=[("broken", _("Trasiga")), ("warning", _("Bör rättas"))],
        empty_label=_("Alla"),
        method="noop",
    )
    sida = django_filters.NumberFilter(
        label=_("Sida (id)"), method="noop", widget=forms.HiddenInput
    )

    class Meta:
        model = ExternalLink
        fields = ["kind", "severity", "sida"]

    def noop(self, queryset, name, value):
        return queryset  # the list is built in the view (it is not one query)


class BrokenLinksView(ReportView):
    page_title = _("Brutna länkar")
    header_icon = "link-external"
    index_url_name = "linkcheck:report"
    index_results_url_name = "linkcheck:report_results"
    filterset_class = LinkFilterSet
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50
    columns = [
        TitleColumn(
            "page_title",
            label=_("Sida"),
            url_name="wagtailadmin_pages:edit",
            id_accessor="page.pk",
        ),
        StatusTagColumn(
            "severity_label", label=_("Allvar"), primary=lambda row: row.severity == BROKEN
        ),
        Column("kind_label", label=_("Typ")),
        Column("target", label=_("Länken går till")),
        Column("problem", label=_("Problem")),
        Column("where", label=_("Var på sidan")),
        Column("since_text", label=_("Sedan")),
    ]
    list_export = [
        "page_title",
        "page_url",
        "severity_label",
        "kind_label",
        "target",
        "problem",
        "where",
        "since_text",
        "checked_text",
    ]
    export_headings = {
        "page_title": _("Sida"),
        "page_url": _("Sidans adress"),
        "severity_label": _("Allvar"),
        "kind_label": _("Typ"),
        "target": _("Länken går till"),
        "problem": _("Problem"),
        "where": _("Var på sidan"),
        "since_text": _("Sedan"),
        "checked_text": _("Senast kontrollerad"),
    }

    def get_filename(self):
        return f"brutna-lankar-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        editable = set(
            self.permission_policy.instances_user_has_permission_for(
                self.request.user, "change"
            ).values_list("pk", flat=True)
        )
        page_id = self.request.GET.get("sida", "")
        rows = problems(int(page_id) if page_id.isdigit() else None)
        kind = self.request.GET.get("kind", "")
        severity = self.request.GET.get("severity", "")
        return [
            row
            for row in rows
            if row.page.pk in editable
            and (not kind or row.kind == kind)
            and (not severity or row.severity == severity)
        ]

    def filter_queryset(self, queryset):
        return queryset  # filtered above: the rows are not a queryset

    def decorate_paginated_queryset(self, rows):
        for row in rows:
            row.page_url = row.page.full_url or ""
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_id = self.request.GET.get("sida", "")
        if page_id.isdigit():
            context["page_subtitle"] = (
                Page.objects.filter(pk=int(page_id)).values_list("title", flat=True).first()
            )
        return context
