"""The report "Sidor att granska": live pages whose review date has passed or comes within
30 days, filterable by unit, person and state, with CSV and Excel export (Wagtail's report
view). An editor sees the pages they may edit."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from .forms import EditorChoiceField, editors
from .models import ResponsibleUnit
from .ownership import due_limit

OVERDUE, SOON = "forsenad", "snart"


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = EditorChoiceField


class PagesToReviewFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Läge"),
        choices=[(OVERDUE, _("Försenade")), (SOON, _("Inom 30 dagar"))],
        empty_label=_("Försenade och inom 30 dagar"),
        method="filter_state",
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Sidansvarig enhet"),
        field_name="review__unit",
        queryset=ResponsibleUnit.objects.all(),
        empty_label=_("Alla enheter"),
    )
    person = PersonFilter(
        label=_("Sidansvarig person"),
        field_name="review__person",
        queryset=lambda request: editors(),
        empty_label=_("Alla personer"),
    )

    class Meta:
        model = Page
        fields = ["state", "unit", "person"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == OVERDUE:
            return queryset.filter(review__review_by__lt=today)
        if value == SOON:
            return queryset.filter(review__review_by__gte=today)
        return queryset


class PagesToReviewView(PageReportView):
    page_title = _("Sidor att granska")
    header_icon = "calendar-check"
    index_url_name = "review:report"
    index_results_url_name = "review:report_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    filterset_class = PagesToReviewFilterSet
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50
    columns = [
        TitleColumn("title", label=_("Sida"), url_name="wagtailadmin_pages:edit"),
        StatusTagColumn(
            "review_state", label=_("Läge"), primary=lambda page: not page.review_overdue
        ),
        Column("review_date", label=_("Granska senast")),
        Column("review_unit", label=_("Sidansvarig enhet")),
        Column("review_person", label=_("Sidansvarig person")),
        Column("last_published_date", label=_("Senast publicerad")),
    ]
    list_export = [
        "title",
        "url_for_export",
        "review_state",
        "review_date",
        "review_unit",
        "review_person",
        "last_published_date",
    ]
    export_headings = {
        "title": _("Sida"),
        "url_for_export": _("Adress"),
        "review_state": _("Läge"),
        "review_date": _("Granska senast"),
        "review_unit": _("Sidansvarig enhet"),
        "review_person": _("Sidansvarig person"),
        "last_published_date": _("Senast publicerad"),
    }

    def get_filename(self):
        return f"sidor-att-granska-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        self.queryset = (
            editable.filter(live=True, review__review_by__lte=due_limit())
            .select_related("review__unit", "review__person")
            .order_by("review__review_by", "title")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, pages):
        today = timezone.localdate()
        for page in pages:
            review = page.review
            page.review_overdue = review.review_by < today
            page.review_state = _("Försenad") if page.review_overdue else _("Inom 30 dagar")
            page.review_date = review.review_by.isoformat()
            page.review_unit = review.unit.name if review.unit_id else "–"
            person = review.person
            page.review_person = (
                (person.get_full_name() or person.get_username()) if person else "–"
            )
            published = page.last_published_at
            page.last_published_date = (
                timezone.localdate(published).isoformat() if published else "–"
            )
            page.url_for_export = page.full_url or ""
        return pages


def _person_name(user) -> str:
    return user.get_full_name().strip() or user.get_username()


def pages_due(user, today=None):
    """For the dashboard: (overdue, due soon) counts of pages the user may edit, and the
    user's own pages due, soonest first."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    today = today or timezone.localdate()
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    due = editable.filter(live=True, review__review_by__lte=due_limit(today))
    overdue = due.filter(review__review_by__lt=today).count()
    soon = due.filter(review__review_by__gte=today).count()
    own = (
        Page.objects.filter(live=True, review__review_by__lte=due_limit(today))
        .filter(Q(review__person=user))
        .select_related("review")
        .order_by("review__review_by", "title")[:5]
    )
    return overdue, soon, list(own)
